import { contractStreamName, evolve, initialState, jobsToCancel, replay, type ContractEvent, type ContractId, type ContractState } from '@fagsign/domain';
import type { EventStore } from '../store/event-store.js';

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
 * The runner's view of every contract with work: states folded from the global log, resumed from
 * a checkpoint kept in the store with the list of open contracts. Each state remembers its stream
 * version, so the runner's own appends (whose results it sets directly) are not folded twice when
 * the log brings them back.
 */
export interface ContractIndex {
  /** Loads the saved checkpoint and open contracts; call once before the first catch-up. */
  load(): Promise<void>;
  /** Folds everything appended since the checkpoint, then saves the checkpoint. */
  catchUp(): Promise<number>;
  get(contractId: ContractId): ContractState | undefined;
  /** Records a state the runner got from its own append. */
  set(contractId: ContractId, state: ContractState, version: number): void;
  /** Re-reads one contract from its stream (after an error left the view unsure). */
  refresh(contractId: ContractId): Promise<ContractState>;
  open(): [ContractId, ContractState][];
}

export const contractIndex = (store: EventStore<ContractEvent>, name: string): ContractIndex => {
  const tracked = new Map<ContractId, Tracked>();
  let checkpoint: string | undefined;
  let dirty = false;

  const refresh = async (contractId: ContractId): Promise<ContractState> => {
    const { currentVersion, events } = await store.readStream(contractStreamName(contractId));
    const state = replay(events.map((e) => e.event));
    tracked.set(contractId, { state, version: currentVersion });
    return state;
  };

  const save = async () => {
    const open = [...tracked].filter(([, t]) => hasWork(t.state)).map(([id]) => id);
    await store.saveProjection(name, { version: 1, checkpoint, state: { open } });
    dirty = false;
  };

  return {
    async load() {
      const snapshot = await store.loadProjection(name);
      if (snapshot === undefined) return;
      checkpoint = snapshot.checkpoint;
      const open = (snapshot.state as { open?: unknown }).open;
      if (Array.isArray(open)) for (const id of open) if (typeof id === 'string') await refresh(id as ContractId);
    },
    async catchUp() {
      let folded = 0;
      for await (const recorded of store.readAll(checkpoint === undefined ? {} : { after: checkpoint })) {
        checkpoint = recorded.checkpoint;
        dirty = true;
        if (!recorded.streamName.startsWith(streamPrefix)) continue;
        const contractId = recorded.streamName.slice(streamPrefix.length) as ContractId;
        const entry = tracked.get(contractId) ?? { state: initialState, version: 0 };
        if (recorded.streamVersion <= entry.version) continue;
        if (recorded.streamVersion !== entry.version + 1) {
          await refresh(contractId); // a gap: read the whole stream rather than fold out of order
          continue;
        }
        entry.state = evolve(entry.state, recorded.event);
        entry.version = recorded.streamVersion;
        tracked.set(contractId, entry);
        folded++;
      }
      for (const [id, t] of tracked) if (!hasWork(t.state)) tracked.delete(id);
      if (dirty) await save();
      return folded;
    },
    get: (contractId) => tracked.get(contractId)?.state,
    set(contractId, state, version) {
      const entry = tracked.get(contractId);
      if (entry === undefined || version >= entry.version) tracked.set(contractId, { state, version });
    },
    refresh,
    open: () => [...tracked].filter(([, t]) => hasWork(t.state)).map(([id, t]) => [id, t.state]),
  };
};
