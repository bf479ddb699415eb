import { decodeEvent, type SerializedEvent } from '@fagsign/domain';
import type { CheckpointStore } from '../processing/checkpoint-store.js';
import type { EventStore, RecordedEvent } from '../store/event-store.js';
import { verifyLog, type LogVerification } from '../store/verify-log.js';
import { erasureFactProblem, erasureLedgerStream } from './erasure-ledger.js';
import { sealedStored } from './personal-fields.js';

/** Reads one stored event as `fagsign verify` does: the erasure ledger as the ledger, every other event by the domain's decoder with sealed values read as their kinds. */
const inspectStored = (recorded: RecordedEvent<SerializedEvent>): string | undefined | Error => {
  if (recorded.streamName === erasureLedgerStream) return erasureFactProblem(recorded.event);
  const decoded = decodeEvent(sealedStored(recorded.event));
  return decoded._tag === 'Left' ? decoded.left : decoded.right.data.contractId;
};

/**
 * `verifyLog` over a log in its stored form (`openStoredForm`): plain or encrypted, with or
 * without master keys, decrypting nothing. The erasure ledger (`fagsign-privacy-erasures`) is a
 * known stream: its facts are checked as erasure facts, not reported as unreadable contract events.
 */
export const verifyStoredLog = (
  store: Pick<EventStore<SerializedEvent>, 'readAll' | 'loadProjection'>,
  projections: readonly string[] = [],
  /** Where the projections' snapshots and pointers are kept (`checkpointStoreOf(store)`). */
  checkpoints?: Pick<CheckpointStore, 'load'>,
): Promise<LogVerification> => verifyLog(store, projections, inspectStored, checkpoints);
