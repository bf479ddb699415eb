import type { ContractEvent } from '@fagsign/domain';
import type { ProjectedEvent, ProjectionSource } from '@fagsign/adapters';

/**
 * A tiny in-memory stand-in for the EventStore port, for this package's tests of the projection
 * runner: a global log, reads a page at a time, a catch-up subscription that goes live, and
 * snapshots kept as JSON on save (as a real store's serialisation would) so a test notices state
 * that changes after it was saved.
 */
export interface FakeStore extends ProjectionSource {
  append(events: readonly ContractEvent[]): void;
  readonly saves: number;
  readonly reads: number;
}

export const fakeStore = (initial: readonly ContractEvent[] = []): FakeStore => {
  const log: ContractEvent[] = [...initial];
  const snapshots = new Map<string, string>();
  const waiters = new Set<() => void>();
  let saves = 0;
  let reads = 0;
  const from = (after: string | undefined): number => (after === undefined ? 0 : Number(after));

  async function* readAllPages(options: { after?: string; batchSize?: number } = {}): AsyncGenerator<readonly ProjectedEvent[]> {
    let position = from(options.after);
    const batchSize = options.batchSize ?? 100;
    while (position < log.length) {
      reads++;
      const end = Math.min(log.length, position + batchSize);
      const page: ProjectedEvent[] = [];
      for (; position < end; position++) page.push({ checkpoint: String(position + 1), event: log[position]! });
      yield page;
    }
  }

  return {
    get saves() {
      return saves;
    },
    get reads() {
      return reads;
    },
    append(events) {
      log.push(...events);
      for (const wake of [...waiters]) wake();
    },
    readAllPages,
    subscribe(options = {}) {
      let closed = false;
      let wake: (() => void) | undefined;
      async function* live(): AsyncGenerator<ProjectedEvent> {
        let position = from(options.after);
        while (!closed) {
          for (; position < log.length && !closed; position++) yield { checkpoint: String(position + 1), event: log[position]! };
          if (closed) return;
          await new Promise<void>((resolve) => {
            wake = resolve;
            waiters.add(resolve);
          });
          if (wake !== undefined) waiters.delete(wake);
        }
      }
      const iterator = live();
      return {
        [Symbol.asyncIterator]: () => iterator,
        async close() {
          closed = true;
          wake?.();
        },
      };
    },
    async loadProjection(name) {
      const saved = snapshots.get(name);
      return saved === undefined ? undefined : JSON.parse(saved);
    },
    async saveProjection(name, snapshot) {
      saves++;
      snapshots.set(name, JSON.stringify(snapshot));
    },
  };
};
