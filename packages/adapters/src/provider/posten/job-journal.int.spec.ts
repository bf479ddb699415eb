/*
 * The job journal kept durably in the event store's database, and what that buys: after a restart
 * in the middle of an upload whose answer was lost, the adapter still knows the upload may have made
 * a job, so it never sends a second one, until a person finds none (a higher upload number).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Instant, OrderId, OrgNumber } from '@fagsign/domain';
import { makeTestCertificates, type TestCertificates } from '../testing/test-certificates.js';
import { startFakePosten, type FakePosten } from '../testing/fake-posten-server.js';
import { testJob } from '../testing/jobs.js';
import { postgresSkipReason, postgresTestUrl } from '../../store/postgres/postgres-fixture.js';
import type { JobJournal, JournalEntry } from './job-journal.js';
import { openJobJournal } from './job-journal-stores.js';
import { enterpriseCredentials, type EnterpriseCredentials } from './enterprise-credentials.js';
import { xadesBundleSigner } from './xades-bundle-signer.js';
import { createPostenProvider } from './posten-provider.js';
import { httpsTransport } from './transport.js';

const dir = mkdtempSync(join(tmpdir(), 'fagsign-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pgSkip = postgresSkipReason();
if (pgSkip !== undefined) console.warn(`job journal on PostgreSQL skipped: ${pgSkip}`);
const pgSchema = `journal_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
afterAll(async () => {
  if (pgSkip !== undefined) return;
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: postgresTestUrl() });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`);
  await client.end();
});

const stores: [string, () => string, boolean][] = [
  ['sqlite', () => `sqlite:${join(dir, `${randomUUID()}.db`)}`, false],
  ['postgres', () => postgresTestUrl() ?? '', pgSkip !== undefined],
];

const entry = (orderId: string, patch: Partial<JournalEntry> = {}): JournalEntry => ({
  orderId: orderId as OrderId,
  reference: orderId,
  state: 'sending',
  upload: 1,
  signers: [{ role: 'laerling', fingerprints: ['fp-1'] }],
  ...patch,
});

describe.each(stores)('the job journal on %s', (_name, url, skip) => {
  const opened: (JobJournal & { close(): Promise<void> })[] = [];
  const open = async (at: string) => {
    const journal = await openJobJournal(at, { schema: pgSchema });
    opened.push(journal);
    return journal;
  };
  afterEach(async () => {
    for (const j of opened.splice(0)) await j.close();
  });

  it.skipIf(skip)('keeps entries across a reopen, found by order, reference and job id; remove forgets one', async () => {
    const at = url();
    const first = await open(at);
    const order = `JJ-${randomUUID().slice(0, 8)}/1`;
    await first.put(entry(order));
    await first.put(entry(order, { state: 'created', providerJobId: `job-${order}`, cancellationUrl: 'https://x/cancel' }));
    await first.close();
    opened.pop();
    const again = await open(at);
    expect(await again.get(order as OrderId)).toEqual(entry(order, { state: 'created', providerJobId: `job-${order}`, cancellationUrl: 'https://x/cancel' }));
    expect((await again.byReference(order))?.orderId).toBe(order);
    expect((await again.byJobId(`job-${order}`))?.orderId).toBe(order);
    await again.remove(order as OrderId);
    expect(await again.get(order as OrderId)).toBeUndefined();
    expect(await again.byJobId(`job-${order}`)).toBeUndefined();
  });
});

describe('an upload whose answer was lost, across a restart (Posten adapter, SQLite journal)', () => {
  const sender = '940192226' as OrgNumber;
  const now = () => '2026-08-03T07:00:00.000Z' as Instant;
  let certificates: TestCertificates;
  let fake: FakePosten;
  beforeAll(async () => {
    certificates = await makeTestCertificates();
    fake = await startFakePosten(certificates, sender, 600, 200);
  });
  afterAll(async () => fake.close());

  const credentials = (): EnterpriseCredentials => enterpriseCredentials({ key: certificates.client.key, chain: certificates.client.cert });
  const provider = (journal: JobJournal) =>
    createPostenProvider({
      transport: httpsTransport({ credentials: () => credentials(), ca: certificates.serverCa.cert, serverOrganizationNumber: '984661185', timeoutMs: 1500 }),
      baseUrl: fake.baseUrl,
      sender,
      journal,
      signerKey: 'test secret',
      now,
      bundleSigner: xadesBundleSigner(credentials, () => new Date().toISOString() as Instant),
    });

  it('refuses to send again after the restart, and sends again only as a later upload once a person found no job', async () => {
    const at = `sqlite:${join(dir, 'restart.db')}`;
    const job = testJob(now());
    const before = await openJobJournal(at);
    fake.stallNext();
    await expect(provider(before).createJob(job.request)).rejects.toMatchObject({ name: 'ProviderTimeout', requestSent: true });
    await before.close(); // the process dies

    const after = await openJobJournal(at);
    await expect(provider(after).createJob(job.request)).rejects.toMatchObject({ name: 'JobCreationUncertain' });
    expect(fake.received).toHaveLength(1);
    const second = await provider(after).createJob({ ...job.request, upload: 2 });
    expect(second.created).toBe(true);
    expect(fake.received).toHaveLength(2);
    expect(await after.get(job.order.orderId)).toMatchObject({ state: 'created', upload: 2, providerJobId: second.providerJobId });
    await after.close();
  });
});
