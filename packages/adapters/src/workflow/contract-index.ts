import { contractStreamName, evolve, initialState, jobsToCancel, replay, type ContractEvent, type ContractId, type ContractState, type Instant } from '@fagsign/domain';
import type { EventStore, RecordedEvent } from '../store/event-store.js';
import { StoredEventUnreadable } from '../store/errors.js';
import type { Processor } from '../processing/processor.js';
import type { QuarantinedContract } from './runner-status.js';

const streamPrefix = 'contract-';

interface Tracked {
  state: ContractState;
  /** The stream version the state includes; events at or below it are already in. */
  version: number;
}

/**
 * A contract still has work for the runner until it is closed, every job of an order it ended is
 * cancelled at the service, and, if signed electronically, the document is archived and reported.
 */
export const hasWork = (state: ContractState): boolean => {
  if (state.status === 'unregistered') return false;
  if (jobsToCancel(state).length > 0) return true;
  if (state.status === 'signed-manually' || state.status === 'withdrawn') return false;
  if (state.status !== 'signed-electronically') return true;
  return state.followUp !== undefined && (!state.followUp.archive.done || !state.followUp.vigo.done);
};

/**
 * The runner's view of every contract with work: states folded from the global log by the
 * processor core, which saves the list of open contracts (and the quarantined ones) with the
 * checkpoint. Only contracts with work stay in memory: a contract that ends leaves the index at the
 * end of the page that ended it, so a cold start over years of ended contracts holds one page at a
 * time. Each state remembers its stream version, so the runner's own appends (whose results it sets
 * directly) are not folded twice when the log brings them back.
 *
 * Quarantine: a contract whose stream holds an event that cannot be read is set aside (and saved
 * so) instead of stopping the runner; its later events are skipped until a person repairs it.
 */
export interface ContractIndex {
  /** Loads the saved checkpoint, open and quarantined contracts; call once before the first catch-up. */
  load(): Promise<void>;
  /** Folds everything appended since the checkpoint, page by page, saving the checkpoint as it goes. */
  catchUp(): Promise<number>;
  get(contractId: ContractId): ContractState | undefined;
  /** Records a state the runner got from its own append. */
  set(contractId: ContractId, state: ContractState, version: number): void;
  /** Re-reads one contract from its stream (after an error left the view unsure). */
  refresh(contractId: ContractId): Promise<ContractState>;
  open(): [ContractId, ContractState][];
  quarantined(): readonly QuarantinedContract[];
  /** Whether a contract was set aside because its stream holds an event that cannot be read. */
  isQuarantined(contractId: ContractId): boolean;
  /** How many contracts the index holds in memory. */
  readonly size: number;
}

/** What the runner saves with its checkpoint: the ids of the contracts with work, and the contracts set aside. */
export interface SavedIndex {
  readonly open: readonly ContractId[];
  readonly quarantined: readonly QuarantinedContract[];
}

/** Reads the saved state back, keeping what has the saved shape (a state saved by an older runner may lack either list). */
export const savedIndexOf = (saved: unknown): SavedIndex => {
  const s = (saved ?? {}) as { open?: unknown; quarantined?: unknown };
  return {
    open: Array.isArray(s.open) ? (s.open.filter((id) => typeof id === 'string') as ContractId[]) : [],
    quarantined: Array.isArray(s.quarantined) ? (s.quarantined as QuarantinedContract[]) : [],
  };
};

export const contractIndex = (store: EventStore<ContractEvent>, processor: Processor<RecordedEvent<ContractEvent>>, now: () => Instant): ContractIndex => {
  const tracked = new Map<ContractId, Tracked>();
  const quarantine = new Map<ContractId, QuarantinedContract>();

  const setAside = (contractId: ContractId, reason: string): void => {
    tracked.delete(contractId);
    if (!quarantine.has(contractId)) quarantine.set(contractId, { contractId, reason, since: now() });
  };

  const refresh = async (contractId: ContractId): Promise<ContractState> => {
    try {
      const { currentVersion, events } = await store.readStream(contractStreamName(contractId));
      const state = replay(events.map((e) => e.event));
      tracked.set(contractId, { state, version: currentVersion });
      return state;
    } catch (error) {
      if (error instanceof StoredEventUnreadable) setAside(contractId, error.code);
      throw error;
    }
  };

  const applyPage = async (page: readonly RecordedEvent<ContractEvent>[]): Promise<void> => {
    const touched = new Set<ContractId>();
    const gaps = new Set<ContractId>();
    for (const recorded of page) {
      if (!recorded.streamName.startsWith(streamPrefix)) continue;
      const contractId = recorded.streamName.slice(streamPrefix.length) as ContractId;
      if (quarantine.has(contractId) || gaps.has(contractId)) continue;
      const entry = tracked.get(contractId) ?? { state: initialState, version: 0 };
      touched.add(contractId); // the runner's own appends come back here: an ended contract leaves now
      if (recorded.streamVersion <= entry.version) continue;
      if (recorded.streamVersion !== entry.version + 1) {
        gaps.add(contractId); // read the whole stream after the page rather than fold out of order
        continue;
      }
      entry.state = evolve(entry.state, recorded.event);
      entry.version = recorded.streamVersion;
      tracked.set(contractId, entry);
    }
    for (const contractId of gaps) {
      touched.add(contractId);
      await refresh(contractId).catch((error: unknown) => {
        if (!(error instanceof StoredEventUnreadable)) throw error;
      });
    }
    for (const contractId of touched) {
      const entry = tracked.get(contractId);
      if (entry !== undefined && !hasWork(entry.state)) tracked.delete(contractId);
    }
  };

  const snapshot = (): SavedIndex => ({ open: [...tracked.keys()], quarantined: [...quarantine.values()] });

  return {
    async load() {
      const saved = savedIndexOf(await processor.load());
      for (const q of saved.quarantined) quarantine.set(q.contractId, q);
      for (const id of saved.open) {
        await refresh(id).catch((error: unknown) => {
          if (!(error instanceof StoredEventUnreadable)) throw error;
        });
      }
    },
    catchUp: () =>
      processor.catchUp({
        applyPage,
        snapshot,
        setAside(error) {
          if (!(error instanceof StoredEventUnreadable) || !error.streamName.startsWith(streamPrefix)) return undefined;
          setAside(error.streamName.slice(streamPrefix.length) as ContractId, error.code);
          return error.checkpoint;
        },
      }),
    get: (contractId) => tracked.get(contractId)?.state,
    set(contractId, state, version) {
      const entry = tracked.get(contractId);
      if (entry === undefined || version >= entry.version) tracked.set(contractId, { state, version });
    },
    refresh,
    open: () => [...tracked].filter(([, t]) => hasWork(t.state)).map(([id, t]) => [id, t.state]),
    quarantined: () => [...quarantine.values()],
    isQuarantined: (contractId) => quarantine.has(contractId),
    get size() {
      return tracked.size;
    },
  };
};
