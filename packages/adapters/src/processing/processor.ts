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
  readAll(options: { readonly after?: string; readonly batchSize?: number }): AsyncIterable<R>;
}

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
}

export interface CatchUpPass<R> {
  /** Applies one page, in log order. */
  applyPage(page: readonly R[]): void | Promise<void>;
  /** The state to save with the checkpoint after the pages applied so far. */
  snapshot(): unknown;
  /**
   * A read that failed at one event: answer the checkpoint of that event to set it aside and read
   * on after it, or undefined to let the error stop the catch-up.
   */
  setAside?(error: unknown): string | undefined;
}

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
}

export const createProcessor = <R extends { readonly checkpoint: string }>(options: ProcessorOptions<R>): Processor<R> => {
  const pageSize = options.pageSize ?? 1000;
  const saveEveryMs = options.saveEveryMs ?? 1000;
  let checkpoint: string | undefined;
  let lag: number | undefined;

  const save = async (state: unknown): Promise<void> => {
    // A long catch-up makes no outside call: renew here, or a cold start longer than the lease's life loses it.
    await options.lease?.check();
    const saved = await options.checkpoints.save(options.name, { checkpoint, state }, options.lease?.holder);
    if (!saved) throw new LeaseLost(options.name);
  };

  /** One read from the checkpoint to the end; a failing event ends it and is answered with the error. */
  const readPages = async (pass: CatchUpPass<R>, applied: { n: number; lastSave: number }): Promise<unknown> => {
    let page: R[] = [];
    const flush = async (): Promise<void> => {
      if (page.length === 0) return;
      const full = page;
      page = [];
      await pass.applyPage(full);
      checkpoint = full[full.length - 1]!.checkpoint;
      applied.n += full.length;
      if (performance.now() - applied.lastSave >= saveEveryMs) {
        await save(pass.snapshot());
        applied.lastSave = performance.now();
      }
    };
    try {
      for await (const recorded of options.log.readAll(checkpoint === undefined ? { batchSize: pageSize } : { after: checkpoint, batchSize: pageSize })) {
        page.push(recorded);
        if (page.length >= pageSize) await flush();
      }
    } catch (error) {
      await flush(); // what was read before the failing event is good
      return error;
    }
    await flush();
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
      if (checkpoint !== start) await save(pass.snapshot());
      lag = await options.checkpoints.eventsAfter(checkpoint);
      return applied.n;
    },
  };
};
