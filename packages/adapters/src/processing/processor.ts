import type { CheckpointStore } from './checkpoint-store.js';
import type { Lease } from './lease.js';
import { LeaseLost } from './lease-lost.js';

/*
 * The processor core: a named reader of the global log with a checkpoint (and, when it has one, a
 * lease). It reads from its checkpoint by pages, hands each page to the processor, and saves the
 * processor's state with the checkpoint in one write, fenced by the lease. It knows nothing of
 * contracts: the workflow runner and the projections give it their own `applyPage` and state.
 */

/** The little of a global log the core reads: any EventStore fits. */
export interface ProcessorLog<R extends { readonly checkpoint: string }> {
  /** The events after a checkpoint (from the start when `after` is undefined), in log order, a page at a time; pages are never empty. */
  readAllPages(options: { readonly after?: string; readonly batchSize?: number; readonly view?: 'full' | 'projection' }): AsyncIterable<readonly R[]>;
}

/** What a processor needs: its name, the log it reads, where it keeps its checkpoint, and optionally the lease that fences its saves. */
export interface ProcessorOptions<R extends { readonly checkpoint: string }> {
  readonly name: string;
  readonly log: ProcessorLog<R>;
  readonly checkpoints: CheckpointStore;
  /** Saves are fenced by this lease: a processor that lost it saves nothing and stops. */
  readonly lease?: Lease;
  /** Events per page (default 1000). */
  readonly pageSize?: number;
  /** Save at least this often during a long catch-up (ms, default 1000), and always at its end. */
  readonly saveEveryMs?: number;
  /** Which view of the events to read (see ReadAllOptions.view); default the store's 'full'. */
  readonly view?: 'full' | 'projection';
  /** Saves nothing at all: a read-only look at the log from the saved checkpoint. */
  readonly readOnly?: boolean;
  /**
   * With a lease: while another process holds it, read and apply but save nothing (a hot standby)
   * instead of stopping with LeaseLost; the saves are taken over once the lease comes free.
   */
  readonly standby?: boolean;
}

/** What one catch-up does with the events it reads: the workflow runner or a projection supplies it to the processor core. */
export interface CatchUpPass<R> {
  /** Applies one page, in log order: synchronously when it can (no promise turn per page then). */
  applyPage(page: readonly R[]): void | Promise<void>;
  /** The state to save with the checkpoint after the pages applied so far. */
  snapshot(): unknown;
  /**
   * A read that failed at one event: answer the checkpoint of that event to set it aside and read
   * on after it, or undefined to let the error stop the catch-up.
   */
  setAside?(error: unknown): string | undefined;
}

/** A named reader of the global log that remembers how far it got, so a restart goes on from its checkpoint instead of reading the whole log again. */
export interface Processor<R> {
  readonly name: string;
  /** Where the processor is: the checkpoint of the last event applied (undefined: none yet). */
  readonly checkpoint: string | undefined;
  /** Events behind the head of the log when last measured (after each catch-up); undefined before. */
  readonly lag: number | undefined;
  /** Loads the saved checkpoint and state; answers the state (undefined when nothing was saved). */
  load(): Promise<unknown>;
  /** Applies everything after the checkpoint, page by page, saving as it goes; answers the events applied. */
  catchUp(pass: CatchUpPass<R>): Promise<number>;
  /** The checkpoint of this processor's last save, or null when it has saved nothing yet. */
  readonly lastSaved: string | undefined | null;
  /** Records that the caller applied the events up to this checkpoint itself (live, from a subscription). */
  moveTo(checkpoint: string): void;
  /** Saves this state with the checkpoint now; answers false when nothing was saved (read-only, or a standby without the lease). */
  save(state: () => unknown): Promise<boolean>;
}

/** Makes the processor core for a runner or projection: it reads from its checkpoint by pages and saves state and checkpoint together, fenced by the lease when there is one. */
export const createProcessor = <R extends { readonly checkpoint: string }>(options: ProcessorOptions<R>): Processor<R> => {
  const pageSize = options.pageSize ?? 1000;
  const saveEveryMs = options.saveEveryMs ?? 1000;
  let checkpoint: string | undefined;
  let lag: number | undefined;
  let lastSaved: string | undefined | null = null;

  /** The state is asked for only when it will be saved: a standby or a read-only look never serialises it. */
  const save = async (state: () => unknown): Promise<boolean> => {
    if (options.readOnly === true) return false;
    const lease = options.lease;
    if (options.standby === true && lease !== undefined) {
      if (!(await lease.hold())) return false;
    } else {
      // A long catch-up makes no outside call: renew here, or a cold start longer than the lease's life loses it.
      await lease?.check();
    }
    const saved = await options.checkpoints.save(options.name, { checkpoint, state: state() }, lease?.holder);
    if (!saved && options.standby !== true) throw new LeaseLost(options.name);
    if (saved) lastSaved = checkpoint;
    return saved;
  };

  /** One read from the checkpoint to the end, a page at a time; a failing event ends it (after the page before it) and is answered with the error. */
  const readPages = async (pass: CatchUpPass<R>, applied: { n: number; lastSave: number }): Promise<unknown> => {
    try {
      const reading = { batchSize: pageSize, ...(checkpoint === undefined ? {} : { after: checkpoint }), ...(options.view === undefined ? {} : { view: options.view }) };
      for await (const page of options.log.readAllPages(reading)) {
        const pending = pass.applyPage(page);
        if (pending !== undefined) await pending;
        checkpoint = page[page.length - 1]!.checkpoint;
        applied.n += page.length;
        if (performance.now() - applied.lastSave >= saveEveryMs) {
          await save(() => pass.snapshot());
          applied.lastSave = performance.now();
        }
      }
    } catch (error) {
      return error;
    }
    return undefined;
  };

  return {
    name: options.name,
    get checkpoint() {
      return checkpoint;
    },
    get lag() {
      return lag;
    },
    get lastSaved() {
      return lastSaved;
    },
    async load() {
      const saved = await options.checkpoints.load(options.name);
      checkpoint = saved?.checkpoint;
      return saved?.state ?? undefined;
    },
    async catchUp(pass) {
      const applied = { n: 0, lastSave: performance.now() };
      const start = checkpoint;
      for (;;) {
        const error = await readPages(pass, applied);
        if (error === undefined) break;
        const skipTo = pass.setAside?.(error);
        if (skipTo === undefined) throw error;
        checkpoint = skipTo;
      }
      if (checkpoint !== start) await save(() => pass.snapshot());
      lag = await options.checkpoints.eventsAfter(checkpoint);
      return applied.n;
    },
    moveTo(to) {
      checkpoint = to;
    },
    save,
  };
};
