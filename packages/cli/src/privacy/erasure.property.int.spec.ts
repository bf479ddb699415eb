import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractStreamName, encodeEvent, type ContractEvent, type Instant } from '@fagsign/domain';
import { contractHistoryArb, type GeneratedHistory } from '@fagsign/domain/testing';
import { dropPostgresSchema, eraseContract, openProtectedEventStore, postgresSchemaText, singleMasterKey, type ProtectedEventStore, catchUpProjection, checkpointStoreOf } from '@fagsign/adapters';
import { attention, contractsProjection, dataQuality, statistics } from '@fagsign/projections';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { found, onlyIn, revealedJson, spellingsOf, type Spellings } from './erasure-search.js';

/*
 * The judged property: after erasing a random subset of contracts, none of their personal values,
 * in any spelling, is in the store's bytes, the saved projections, the reports or any read; the
 * other contracts read back exactly; statistics are the same before and after.
 */

const master = singleMasterKey('county-1', randomBytes(32));
const now = '2026-12-01T09:00:00.000Z' as Instant;
const erasure = { by: 'personvernombud', reason: 'sletteanmodning 2026/31', now };

interface Fixture {
  open(): Promise<{ store: ProtectedEventStore; bytes(): Promise<string> }>;
  dispose(): Promise<void>;
}

const memoryFixture: Fixture = {
  async open() {
    const store = await openProtectedEventStore('memory:', { master });
    return {
      store,
      async bytes() {
        const stored: unknown[] = [];
        for await (const r of store.inner.readAll()) stored.push(r.event);
        const keys = await store.keyRing.store.list();
        return JSON.stringify([stored, keys, await store.loadProjection('contracts@1'), await store.loadProjection('contracts')]);
      },
    };
  },
  dispose: async () => undefined,
};

const folder = mkdtempSync(join(tmpdir(), 'fagsign-erasure-'));
const sqliteFixture: Fixture = {
  async open() {
    const path = join(folder, `${randomUUID()}.db`);
    const store = await openProtectedEventStore(`sqlite:${path}`, { master });
    const read = (p: string) => (existsSync(p) ? readFileSync(p).toString('latin1') + readFileSync(p).toString('utf8') : '');
    return { store, bytes: async () => read(path) + read(`${path}-wal`) };
  },
  dispose: async () => rmSync(folder, { recursive: true, force: true }),
};

const postgresUrl = process.env.FAGSIGN_TEST_POSTGRES_URL;
const schemas: string[] = [];
const postgresFixture: Fixture = {
  async open() {
    const schema = `t_erasure_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    schemas.push(schema);
    const store = await openProtectedEventStore(postgresUrl!, { master, postgres: { schema, pollIntervalMs: 100 } });
    return {
      store,
      bytes: () => postgresSchemaText(postgresUrl!, schema),
    };
  },
  async dispose() {
    if (postgresUrl !== undefined) for (const schema of schemas) await dropPostgresSchema(postgresUrl, schema);
  },
};

const historiesArb = fc
  .uniqueArray(contractHistoryArb({ flaws: 0.3, maxSteps: 10 }), { selector: (h) => h.contractId, minLength: 2, maxLength: 6 })
  .chain((histories) => fc.tuple(fc.constant(histories), fc.array(fc.boolean(), { minLength: histories.length, maxLength: histories.length })));

const reports = async (store: ProtectedEventStore) => {
  const { state } = await catchUpProjection(store, contractsProjection, { fromScratch: true });
  return revealedJson({ statistics: statistics(state), quality: dataQuality(state), attention: attention(state, {}, now) });
};

const readEverything = async (store: ProtectedEventStore, histories: readonly GeneratedHistory[]) => {
  const all: ContractEvent[] = [];
  for await (const r of store.readAll()) all.push(r.event);
  const streams = await Promise.all(histories.map(async (h) => (await store.readStream(contractStreamName(h.contractId))).events.map((r) => r.event)));
  return { all, streams };
};

const plain = (events: readonly ContractEvent[]) => JSON.stringify(events.map((e) => encodeEvent(e)));

const erasureHolds = (fixture: Fixture) => async ([histories, erase]: [GeneratedHistory[], boolean[]]) => {
  const { store, bytes } = await fixture.open();
  try {
    for (const h of histories) await store.appendToStream(contractStreamName(h.contractId), h.events.map((event) => ({ event })), { expectedVersion: 'no-stream' });
    const before = await reports(store);
    const erased = histories.filter((_, i) => erase[i]);
    const kept = histories.filter((_, i) => !erase[i]);
    const erasedKeys = (await Promise.all(erased.map((h) => store.keyRing.store.get(h.contractId)))).flatMap((k) => (k === undefined ? [] : [k.wrapped]));
    for (const h of erased) await eraseContract(store, h.contractId, erasure);

    const hidden: Spellings = onlyIn(spellingsOf(erased.flatMap((h) => h.events)), spellingsOf(kept.flatMap((h) => h.events)));
    const after = await reports(store);
    const read = await readEverything(store, histories);
    const stored = await bytes();
    // the search itself works: the kept contracts' values are found where they may be
    const visible = onlyIn(spellingsOf(kept.flatMap((h) => h.events), false), { exact: new Set(), anyCase: new Set() });
    expect(found(visible, revealedJson(read.streams), 'readStream').length).toBe(visible.exact.size + visible.anyCase.size);
    // the erased data keys are gone from the bytes too (secure_delete, the WAL checkpoint, VACUUM)
    expect(erasedKeys.filter((wrapped) => stored.includes(wrapped))).toEqual([]);
    const problems = [
      ...found(hidden, stored, 'the stored bytes'),
      ...found(hidden, after, 'the reports'),
      // where the projection runner keeps them: the store's checkpoint store (its processor table)
      ...found(hidden, revealedJson(await checkpointStoreOf(store).load('contracts@1')) + revealedJson(await checkpointStoreOf(store).load('contracts')), 'the saved projection'),
      ...found(hidden, revealedJson(read.all), 'readAll'),
      ...found(hidden, revealedJson(read.streams), 'readStream'),
    ];
    expect(problems).toEqual([]);
    expect(after).toBe(before);
    histories.forEach((h, i) => {
      if (!erase[i]) expect(plain(read.streams[i]!)).toBe(plain(h.events));
      else expect(read.streams[i]!.map((e) => e.type)).toEqual(h.events.map((e) => e.type));
    });
  } finally {
    await store.close();
  }
};

const stores: [string, Fixture, boolean][] = [
  ['memory', memoryFixture, true],
  ['SQLite', sqliteFixture, true],
  ['PostgreSQL', postgresFixture, postgresUrl !== undefined || process.env.FAGSIGN_REQUIRE_POSTGRES === '1'],
];

describe.each(stores)('erasure on %s', (_name, fixture, runs) => {
  afterAll(() => fixture.dispose());
  it.skipIf(!runs)('leaves no erased personal value in bytes, projections, reports or reads; kept contracts and statistics unchanged', async () => {
    await fc.assert(fc.asyncProperty(historiesArb, erasureHolds(fixture)), { numRuns: 6 });
  }, 120_000);
});
