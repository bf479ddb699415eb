import * as t from 'io-ts';
import { ContractIdCodec, OrderIdCodec } from '../model/contract-id.js';
import { InstantCodec } from '../model/time.js';
import { struct } from '../model/codec-kit.js';
import { DecidedByCodec, ProviderJobIdCodec } from './free-text.js';

/* The commands and facts of an upload whose answer was lost (submission.ts says why). Apart from the decider, so commands.ts and events.ts can use them without a cycle. */

/** Codec for what a person found at the signing service for an uncertain upload: the job exists, or it does not. */
export const UploadOutcomeCodec = t.keyof({ 'job-found': null, 'no-job': null }, 'UploadOutcome');
/** What a person found for an uncertain upload: `job-found` (the job exists) or `no-job` (the runner may upload again). */
export type UploadOutcome = t.TypeOf<typeof UploadOutcomeCodec>;

// `upload`: which upload of the order was lost (its number, see SubmissionState.upload), so a report
// of an earlier upload that comes again after a person settled it changes nothing.
export const RecordSubmissionUncertainCodec = struct('RecordSubmissionUncertain', { type: t.literal('RecordSubmissionUncertain'), orderId: OrderIdCodec }, { upload: t.number });

/** A person's finding after looking the order up at the signing service; `by` names the person (a user id, as for overrides). */
export const ResolveUncertainSubmissionCodec = struct(
  'ResolveUncertainSubmission',
  { type: t.literal('ResolveUncertainSubmission'), orderId: OrderIdCodec, outcome: UploadOutcomeCodec, by: DecidedByCodec },
  { providerJobId: ProviderJobIdCodec },
);

export const SubmissionUncertainData = struct('SubmissionUncertain', { contractId: ContractIdCodec, at: InstantCodec, orderId: OrderIdCodec });

export const UncertainSubmissionResolvedData = struct(
  'UncertainSubmissionResolved',
  { contractId: ContractIdCodec, at: InstantCodec, orderId: OrderIdCodec, outcome: UploadOutcomeCodec, by: DecidedByCodec },
  { providerJobId: ProviderJobIdCodec },
);
