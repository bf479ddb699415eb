import { createHash } from 'node:crypto';
import { getInMemoryEventStore, handle, type EventStore } from '@fagsign/adapters';
import { contractStreamName, defaultPolicy, type ContractEvent, type ContractId, type Instant } from '@fagsign/domain';
import { sampleOffice, sampleRegistration } from '@fagsign/domain/testing';
import { emptyContractsState } from '@fagsign/projections';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConfig } from '../config/load-config.js';
import { InvalidConfig } from '../config/invalid-config.js';
import { createLogger } from '../logging/logger.js';
import { startStaffServer, type StaffServer } from './staff-server.js';

const now = DateTime.fromISO('2026-08-03T10:00:00', { zone: 'Europe/Oslo' });
const office = sampleOffice('OK Bilfag', 3);
const token = 'county-token-for-the-small-county';
const basic = { authorization: `Basic ${Buffer.from(`kari:${token}`).toString('base64')}` };
const id = 'S-1' as ContractId;

/** A contract signed electronically whose archiving gave up: a person must archive it and say so. */
const signedWithStalledArchive = async (store: EventStore<ContractEvent>) => {
  await handle(store, id, sampleRegistration({ contractId: id, office, seed: 9 }), { now });
  const { state } = await handle(store, id, { type: 'CreateOrder' }, { now });
  const order = state.orders[0]!;
  await handle(store, id, { type: 'RecordOrderAccepted', orderId: order.orderId, providerJobId: 'job-1' }, { now });
  for (const signer of order.signers) {
    await handle(store, id, { type: 'RecordSignerSigned', orderId: order.orderId, role: signer.role, signedAt: now.plus({ hours: 1 }).toUTC().toISO() as Instant }, { now: now.plus({ hours: 1 }) });
  }
};

describe('the staff pages in the tokens mode (node:http, no browser)', () => {
  const store: EventStore<ContractEvent> = getInMemoryEventStore();
  let server: StaffServer;
  let base: string;
  beforeAll(async () => {
    await signedWithStalledArchive(store);
    server = await startStaffServer({
      settings: {
        host: '127.0.0.1',
        port: 0,
        secret: 'x'.repeat(40),
        auth: { mode: 'tokens', tokens: [{ sha256: createHash('sha256').update(token).digest('hex'), identity: { user: 'kari', role: 'county', county: 'Telemark', office: undefined } }] },
      },
      store,
      readModel: () => emptyContractsState(),
      clock: () => now.plus({ hours: 2 }),
      policy: () => defaultPolicy,
      logger: createLogger({ level: 'silent', format: 'json' }),
    });
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(() => server?.close());

  it('asks a browser for the token (401 with Basic) and serves the stylesheet to anyone', async () => {
    const answer = await fetch(`${base}/status`);
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toContain('Basic');
    expect((await fetch(`${base}/static/staff.css`)).status).toBe(200);
    expect((await fetch(`${base}/status`, { headers: basic })).status).toBe(200);
  });

  it('answers a malformed or unknown contract id with 404, not an error', async () => {
    for (const path of ['/contracts/%E0%A4%A', '/contracts/12345678901', '/contracts/S-2', '/nowhere']) {
      expect((await fetch(`${base}${path}`, { headers: basic })).status, path).toBe(404);
    }
  });

  it('marks an archiving done by hand, with the clerk on the event', async () => {
    const page = await (await fetch(`${base}/contracts/S-1`, { headers: basic })).text();
    const form = /<form method="post" action="\/contracts\/S-1\/archived">[\s\S]*?name="formId" value="([^"]+)"[\s\S]*?name="csrf" value="([^"]+)"/.exec(page);
    expect(form).not.toBeNull();
    const body = new URLSearchParams({ formId: form![1]!, csrf: form![2]!, lang: 'nb', archiveReference: 'ARK-2026-17' });
    const posted = await fetch(`${base}/contracts/S-1/archived`, { method: 'POST', headers: { ...basic, 'content-type': 'application/x-www-form-urlencoded' }, body, redirect: 'manual' });
    expect(posted.status).toBe(303);
    const archived = (await store.readStream(contractStreamName(id))).events.filter((e) => e.event.type === 'SignedDocumentArchived');
    expect(archived.map((e) => [e.metadata.causationId, e.event.type === 'SignedDocumentArchived' && e.event.data.archiveReference])).toEqual([['staff:kari', 'ARK-2026-17']]);
    expect(await (await fetch(`${base}/contracts/S-1`, { headers: basic })).text()).toContain('Den signerte kontrakten er arkivert. <span class="sub">(av kari)</span>');
  });
});

describe("the staff part of fagsign run's configuration", () => {
  it('lists a missing secret, a bad token entry and tokens mode without tokens, with the other problems', () => {
    const check = (staff: unknown) => {
      try {
        checkConfig({ store: 'memory:', provider: { kind: 'simulated' }, staff }, { source: 'test', env: {} });
        return [];
      } catch (error) {
        return (error as InvalidConfig).problems.map((p) => `${p.path}: ${p.rule}`);
      }
    };
    expect(check({ port: 8080, secretEnv: 'STAFF_SECRET' })).toEqual(['staff.secretEnv: names the environment variable STAFF_SECRET, which must hold at least 32 characters']);
    expect(check({ port: 8080, secretEnv: 'STAFF_SECRET', auth: { mode: 'tokens' } })).toContain('staff.auth.tokens: is required in the tokens mode');
    const bad = check({ port: 8080, secretEnv: 'S', auth: { mode: 'tokens', tokens: [{ sha256: '0'.repeat(64), user: 'kari', role: 'office', county: 'Telemark' }] } });
    expect(bad).toContain('staff.auth.tokens.0: office staff need the office organisation number');
  });
});
