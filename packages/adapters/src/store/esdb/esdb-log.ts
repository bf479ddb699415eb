import type { EventStoreDBClient } from '@eventstore/db-client';
import type { EventSerializer, EventSubscription, RecordedEvent, SubscribeOptions } from '../event-store.js';
import { InvalidCheckpoint, StoreError, StoreUnavailable } from '../errors.js';
import { defaultBatchSize } from '../catch-up.js';
import { esdbErrorOf } from './esdb-errors.js';
import { letGo, withBackstop } from './esdb-deadline.js';
import { comparePositions, positionOf, type LogPosition } from './esdb-positions.js';
import { isOurs, recordedOf, type EsdbRecord } from './esdb-records.js';

type Client = InstanceType<typeof EventStoreDBClient>;
type ClientModule = typeof import('@eventstore/db-client');

export interface EsdbLogSettings<E> {
  readonly client: Client;
  readonly module: ClientModule;
  readonly serializer: EventSerializer<E>;
  readonly prefixes: readonly string[];
  readonly deadlineMs: number;
  /** Consecutive failed resubscriptions before the subscription gives up with StoreUnavailable. */
  readonly maxResubscribes: number;
}

/** Reads up to `maxCount` events of `$all` from a position (included) or the start, under the deadline. */
const readPage = async <E>(settings: EsdbLogSettings<E>, from: LogPosition | undefined, maxCount: number, operation: string): Promise<EsdbRecord[]> => {
  const { client, module } = settings;
  const page: EsdbRecord[] = [];
  try {
    const read = client.readAll({ fromPosition: from ?? module.START, direction: module.FORWARDS, maxCount, resolveLinkTos: false, deadline: settings.deadlineMs });
    await withBackstop(
      settings.deadlineMs,
      operation,
      async () => {
        for await (const resolved of read) if (resolved.event !== undefined) page.push(resolved.event as EsdbRecord);
      },
      () => void letGo(() => read.cancel()),
    );
  } catch (error) {
    throw esdbErrorOf(error, operation);
  }
  return page;
};

/**
 * A checkpoint of ours is the position of an event in this server's log. One that is well formed
 * but names no event here (another server's, or made up) would start a read anywhere; it is
 * refused instead. The first page read from it must begin with the event at that very position.
 */
const checkFirst = (page: readonly EsdbRecord[], from: LogPosition, checkpoint: string): void => {
  const first = page[0]?.position;
  if (first === undefined || comparePositions(first, from) !== 0) throw new InvalidCheckpoint('esdb', checkpoint);
};

/**
 * `$all` in pages. Client 6.2.1 filters only subscriptions on the server, so reads filter here: each
 * page is one call with its own deadline, and the next starts at the last position seen (a read
 * from a position includes it, hence the skip). A page of ours is what one call found of our
 * streams; a call that found none of ours yields nothing, so pages are never empty. An unreadable
 * event yields the events before it in its page, then throws.
 */
export async function* readAllEsdbPages<E>(settings: EsdbLogSettings<E>, after: string | undefined, batchSize = defaultBatchSize): AsyncGenerator<readonly RecordedEvent<E>[]> {
  let from: LogPosition | undefined = positionOf(after);
  let first = true;
  for (;;) {
    const read = await readPage(settings, from, batchSize + 1, 'read');
    if (first && from !== undefined) checkFirst(read, from, after!);
    first = false;
    let fresh = 0;
    const page: RecordedEvent<E>[] = [];
    try {
      for (const record of read) {
        if (record.position === undefined || (from !== undefined && comparePositions(record.position, from) <= 0)) continue;
        fresh++;
        from = record.position;
        if (isOurs(record, settings.prefixes)) page.push(recordedOf(settings.serializer, record));
      }
    } catch (error) {
      if (page.length > 0) yield page;
      throw error;
    }
    if (page.length > 0) yield page;
    if (fresh === 0 || read.length < batchSize + 1) return;
  }
}

/** `$all` event by event: `readAllEsdbPages`, flattened. */
export async function* readAllEsdb<E>(settings: EsdbLogSettings<E>, after: string | undefined, batchSize = defaultBatchSize): AsyncGenerator<RecordedEvent<E>> {
  for await (const page of readAllEsdbPages(settings, after, batchSize)) yield* page;
}

/**
 * A catch-up subscription on `$all` with a server-side stream-prefix filter. When the server drops
 * it (restart, leader change, network), it resubscribes from the last event delivered, backing off,
 * and skips what it already delivered; only after `maxResubscribes` failures in a row does it fail.
 */
export const subscribeEsdb = <E>(settings: EsdbLogSettings<E>, options: SubscribeOptions): EventSubscription<E> => {
  const { client, module } = settings;
  let from = positionOf(options.after);
  let closed = false;
  let current: { unsubscribe(): Promise<void> } | undefined;
  let wakeNow: (() => void) | undefined;
  // Settles when close() is called, so no wait inside the subscription outlasts it.
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));

  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => done(), ms);
      const done = (): void => {
        clearTimeout(timer);
        wakeNow = undefined;
        resolve();
      };
      wakeNow = done;
    });

  async function* follow(): AsyncGenerator<RecordedEvent<E>> {
    // The caller's checkpoint, until a read shows that it names an event of this server.
    let unchecked = from;
    let failures = 0;
    while (!closed) {
      let subscription: ReturnType<Client['subscribeToAll']> | undefined;
      try {
        if (unchecked !== undefined) {
          const page = await Promise.race([readPage(settings, unchecked, 1, 'subscribe'), stopped.then(() => undefined)]);
          if (page === undefined) return;
          checkFirst(page, unchecked, options.after!);
          unchecked = undefined;
        }
        subscription = client.subscribeToAll({
          fromPosition: from ?? module.START,
          resolveLinkTos: false,
          filter: module.streamNameFilter({ prefixes: [...settings.prefixes] }),
        });
        current = subscription;
        // The server confirms a subscription first; one that never confirms counts as dropped.
        const confirming = subscription;
        const confirmed = new Promise<void>((resolve, reject) => {
          confirming.once('confirmation', resolve);
          confirming.once('error', reject);
        });
        await Promise.race([withBackstop(settings.deadlineMs, 'subscribe', () => confirmed), stopped]);
        if (closed) return;
        // A confirmed subscription is a working one: only drops in a row, unconfirmed, add up.
        failures = 0;
        for await (const resolved of subscription) {
          const record = resolved.event as EsdbRecord | undefined;
          if (record?.position === undefined || (from !== undefined && comparePositions(record.position, from) <= 0)) continue;
          if (!isOurs(record, settings.prefixes)) {
            from = record.position;
            continue;
          }
          const recorded = recordedOf(settings.serializer, record);
          from = record.position;
          yield recorded;
        }
      } catch (error) {
        if (closed) return;
        // Only a dropped connection is worth a resubscription: an unreadable event or a refusal
        // (access denied) would only be met again.
        const failure = error instanceof StoreError ? error : esdbErrorOf(error, 'subscribe');
        if (!(failure instanceof StoreUnavailable)) throw failure;
        failures++;
        if (failures > settings.maxResubscribes) throw failure;
      } finally {
        current = undefined;
        const open = subscription;
        if (open !== undefined) await letGo(() => open.unsubscribe());
      }
      if (!closed) await pause(Math.min(5_000, 50 * 2 ** failures));
    }
  }

  const iterator = follow();
  return {
    [Symbol.asyncIterator]: () => iterator,
    async close() {
      closed = true;
      stop();
      wakeNow?.();
      const subscription = current;
      if (subscription !== undefined) await letGo(() => subscription.unsubscribe());
      await iterator.return(undefined);
    },
  };
};
