import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleRegistration } from '@fagsign/domain/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { handle } from '../handling/handle.js';
import { sampleContractId, sampleNow } from '../store/contract/sample-history.js';
import { postgresSkipReason, postgresTestUrl } from '../store/postgres/postgres-fixture.js';
import { eraseContract } from './erasure.js';
import { rotateMasterKey } from './key-ring.js';
import { parseMasterKeys } from './master-keys.js';
import { openProtectedEventStore } from './open-protected-store.js';
import { dropPostgresSchema } from './schema-text.js';
import { openEventStore } from '../store/open-event-store.js';

const oldKey = randomBytes(32).toString('base64');
const master = parseMasterKeys(`old:${oldKey}`);
const rotated = parseMasterKeys(`new:${randomBytes(32).toString('base64')},old:${oldKey}`);
const onlyNew = { current: 'new', keys: new Map([['new', rotated.keys.get('new')!]]) };
const erasure = { by: 'personvernombud', reason: 'sletteanmodning', now: '2026-12-01T09:00:00.000Z' as never };

const folder = mkdtempSync(join(tmpdir(), 'fagsign-keys-'));
const schemas: string[] = [];
const urls: [string, () => string | undefined][] = [
  ['SQLite', () => `sqlite:${join(folder, `${randomUUID()}.db`)}`],
  ['PostgreSQL', () => postgresTestUrl()],
];

afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  const url = postgresTestUrl();
  if (url !== undefined) for (const schema of schemas) await dropPostgresSchema(url, schema);
});

const nameIn = async (store: Awaited<ReturnType<typeof openProtectedEventStore>>, id: string): Promise<string | undefined> => {
  const [first] = (await store.readStream(`contract-${id}`)).events;
  return first?.event.type === 'ContractRegistered' ? first.event.data.parties[0]!.name : undefined;
};

describe.each(urls)('the key table in %s', (name, urlOf) => {
  const skip = name === 'PostgreSQL' && postgresSkipReason() !== undefined;
  const open = (url: string, schema: string, m = master) => openProtectedEventStore(url, { master: m, postgres: { schema } });

  it.skipIf(skip)('a key table restored from a backup taken before an erasure does not bring the data back', async () => {
    const url = urlOf()!;
    const schema = `t_keys_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    schemas.push(schema);
    const store = await open(url, schema);
    const erased = sampleContractId(1);
    const kept = sampleContractId(2);
    await handle(store, erased, sampleRegistration({ contractId: erased, seed: 1 }), { now: sampleNow });
    await handle(store, kept, sampleRegistration({ contractId: kept, seed: 2 }), { now: sampleNow });
    const backup = await store.keyRing.store.list();
    await eraseContract(store, erased, erasure);
    expect(await nameIn(store, erased)).toBe('«slettet»');
    for (const key of backup) await store.keyRing.store.create(key); // the restore
    expect(await store.keyRing.store.get(erased)).toBeDefined();
    await store.close();

    const reopened = await open(url, schema);
    expect(await reopened.keyRing.store.get(erased)).toBeUndefined();
    expect(await nameIn(reopened, erased)).toBe('«slettet»');
    expect(await nameIn(reopened, kept)).toBe('Ola Nordmann');
    await reopened.close();
  });

  it.skipIf(skip)('rotates the master key by re-wrapping the data keys; the old master key is then not needed', async () => {
    const url = urlOf()!;
    const schema = `t_keys_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    schemas.push(schema);
    const store = await open(url, schema);
    const id = sampleContractId(3);
    await handle(store, id, sampleRegistration({ contractId: id, seed: 3 }), { now: sampleNow });
    expect((await rotateMasterKey(store.keyRing.store, rotated)).rewrapped).toBe(2);
    expect((await rotateMasterKey(store.keyRing.store, rotated)).rewrapped).toBe(0);
    await store.close();
    const reopened = await open(url, schema, onlyNew);
    expect(await nameIn(reopened, id)).toBe('Ola Nordmann');
    await reopened.close();
  });
});

describe('PostgreSQL opened read-only with master keys', () => {
  const skip = postgresSkipReason() !== undefined;
  const tablesIn = async (url: string, schema: string): Promise<string[]> => {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name', [schema])).rows.map((r) => r.table_name);
    } finally {
      await client.end();
    }
  };

  it.skipIf(skip)('creates no key table in a plain log, and reads it as it is', async () => {
    const url = postgresTestUrl()!;
    const schema = `t_keys_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    schemas.push(schema);
    const plain = await openEventStore(url, { postgres: { schema } });
    const id = sampleContractId(4);
    await handle(plain, id, sampleRegistration({ contractId: id, seed: 4 }), { now: sampleNow });
    await plain.close();
    const before = await tablesIn(url, schema);

    const reader = await openProtectedEventStore(url, { master, readOnly: true, postgres: { schema } });
    expect(await nameIn(reader, id)).toBe('Ola Nordmann');
    await reader.close();
    expect(await tablesIn(url, schema)).toEqual(before);
    expect(before).not.toContain('fagsign_data_keys');
  });

  it.skipIf(skip)('reads an encrypted log through its key table and writes nothing', async () => {
    const url = postgresTestUrl()!;
    const schema = `t_keys_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    schemas.push(schema);
    const writer = await openProtectedEventStore(url, { master, postgres: { schema } });
    const id = sampleContractId(5);
    await handle(writer, id, sampleRegistration({ contractId: id, seed: 5 }), { now: sampleNow });
    await writer.close();

    const reader = await openProtectedEventStore(url, { master, readOnly: true, postgres: { schema } });
    expect(await nameIn(reader, id)).toBe('Ola Nordmann');
    // the connection is read-only: a key cannot be written through it
    await expect(reader.keyRing.store.create({ owner: sampleContractId(6), keyId: 'k', masterKeyId: 'old', wrapped: 'x' })).rejects.toThrow(/read-only/);
    await reader.close();
  });
});
