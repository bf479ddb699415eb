import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreUnavailable, UnknownStoreUrl } from '../errors.js';
import type { EventStore } from '../event-store.js';
import { sampleContractId, vigoUpdated } from '../contract/sample-history.js';
import { openEsdbEventStore } from './esdb-event-store.js';
import { startFakeEsdb } from './fake/fake-esdb-server.js';

/*
 * A server we cannot reach is reported as StoreUnavailable: at open, which asks the server for its
 * version, and at every call when the server goes away later. The client fails differently for
 * appends (a raw gRPC error) and for reads (its own UnavailableError, raised from inside the read
 * stream), and a server that accepts the connection but never answers ends in a deadline; each
 * must come out as the same typed error.
 */

const listen = (server: Server): Promise<number> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));

/** A port nothing listens on: bound once by us, then released. */
const unusedPort = async (): Promise<number> => {
  const server = createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
};

const stream = 'contract-LK-2026-000001';
const append = (store: EventStore) => store.appendToStream(stream, [{ event: vigoUpdated(sampleContractId(1)) }], { expectedVersion: 'no-stream' });
const drain = async (iterable: AsyncIterable<unknown>): Promise<void> => {
  for await (const _ of iterable) break;
};

const scenarios: { name: string; url: () => Promise<string> }[] = [
  { name: 'nothing listens on the port', url: async () => `esdb://127.0.0.1:${await unusedPort()}?tls=false` },
];

// A TCP server that accepts and then says nothing: the calls can only end by their deadline.
const sockets = new Set<Socket>();
const silent = createServer((socket) => sockets.add(socket));
scenarios.push({ name: 'the server accepts but never answers', url: async () => `esdb://127.0.0.1:${await listen(silent)}?tls=false` });
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

describe('EventStoreDB store, server unreachable', () => {
  for (const scenario of scenarios) {
    it(`${scenario.name}: open gives StoreUnavailable, without waiting beyond its deadline`, async () => {
      const started = Date.now();
      const error = await openEsdbEventStore(await scenario.url(), { deadlineMs: 500 }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailable);
      expect(error).toMatchObject({ code: 'store-unavailable', kind: 'esdb', operation: expect.stringMatching(/^open/) });
      expect(Date.now() - started).toBeLessThan(5_000);
    });
  }

  it('a server gone after open: append, stream read, global read, subscription and projection load all give StoreUnavailable', async () => {
    const fake = await startFakeEsdb();
    const store = await openEsdbEventStore(fake.url, { deadlineMs: 500, maxResubscribes: 1 });
    try {
      await fake.stop();
      const started = Date.now();
      await expect(append(store)).rejects.toBeInstanceOf(StoreUnavailable);
      await expect(store.readStream(stream)).rejects.toBeInstanceOf(StoreUnavailable);
      await expect(drain(store.readAll())).rejects.toBeInstanceOf(StoreUnavailable);
      await expect(store.loadProjection('status-report')).rejects.toBeInstanceOf(StoreUnavailable);
      const subscription = store.subscribe();
      await expect(drain(subscription)).rejects.toMatchObject({ code: 'store-unavailable', kind: 'esdb', operation: expect.stringMatching(/^subscribe/) });
      await subscription.close();
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      await store.close();
    }
  });

  it('names the failure without repeating the connection string', async () => {
    const error = await openEsdbEventStore(`esdb://fagsign:hemmelig-passord@127.0.0.1:${await unusedPort()}?tls=false`, { deadlineMs: 800 }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailable);
    expect((error as Error).message).toMatch(/^The esdb event store is unavailable \(open\)/);
    expect((error as Error).message).not.toContain('hemmelig');
  });

  it('refuses a malformed connection string as UnknownStoreUrl without repeating it', async () => {
    const error = await openEsdbEventStore('esdb://fagsign:hemmelig@?tls=maybe').then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownStoreUrl);
    expect((error as Error).message).not.toContain('hemmelig');
  });
});
