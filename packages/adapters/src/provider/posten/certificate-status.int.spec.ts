import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { X509Certificate } from 'node:crypto';
import type { Instant, OrgNumber } from '@fagsign/domain';
import { issue } from '../testing/enterprise-certificates.js';
import { makeTestCertificates, type TestCertificates } from '../testing/test-certificates.js';
import { startFakePosten, type FakePosten } from '../testing/fake-posten-server.js';
import { testJob } from '../testing/jobs.js';
import { enterpriseCredentials } from './enterprise-credentials.js';
import { certificateStatus, checkCertificate, reloadableCredentials } from './certificate-status.js';
import { createPostenProvider } from './posten-provider.js';
import { httpsTransport } from './transport.js';
import { memoryJobJournal } from './job-journal.js';
import { xadesBundleSigner } from './xades-bundle-signer.js';
import type { BundleSigner } from './document-bundle.js';

const day = 86_400_000;
const sender = '940192226' as OrgNumber;
const now = () => new Date().toISOString() as Instant;
let certificates: TestCertificates;
let fake: FakePosten;

beforeAll(async () => {
  certificates = await makeTestCertificates();
  fake = await startFakePosten(certificates, sender);
});
afterAll(async () => fake.close());

const countyCertificate = async (daysLeft: number) => {
  const { key, cert } = await issue(certificates.clientCa, { subject: 'CN=Telemark fylkeskommune', notAfter: new Date(Date.now() + daysLeft * day + 3_600_000) });
  return enterpriseCredentials({ key, chain: cert });
};

describe("the county's certificate, renewed in time", () => {
  it('reports days left, and warns from 30 days before expiry through the log hook without the certificate', async () => {
    const log = { warn: [] as unknown[][], error: [] as unknown[][] };
    const hook = { warn: (...a: unknown[]) => void log.warn.push(a), error: (...a: unknown[]) => void log.error.push(a) };
    expect(checkCertificate(await countyCertificate(45), now(), hook)).toMatchObject({ state: 'valid', daysLeft: 45 });
    expect(log.warn).toHaveLength(0);
    expect(checkCertificate(await countyCertificate(29), now(), hook)).toMatchObject({ state: 'expiring-soon', daysLeft: 29 });
    expect(log.warn).toHaveLength(1);
    expect(log.warn[0]![1]).toMatchObject({ daysLeft: 29 });
    expect(JSON.stringify(log)).not.toMatch(/BEGIN|MII/);
    const later = new Date(Date.now() + 40 * day).toISOString() as Instant;
    expect(certificateStatus(await countyCertificate(29), later)).toMatchObject({ state: 'expired' });
  });

  it('takes a renewed certificate into use from the next job, while the job in flight finishes with the old one', async () => {
    const old = await countyCertificate(10);
    const renewed = await countyCertificate(700);
    const credentials = reloadableCredentials(old);
    const real = xadesBundleSigner(credentials.current, now);
    // The renewal lands while the first job is being signed and sent.
    let renewDuringFirst = true;
    const signer: BundleSigner = async (files) => {
      const signed = await real(files);
      if (renewDuringFirst) credentials.renew(renewed);
      renewDuringFirst = false;
      return signed;
    };
    const provider = createPostenProvider({
      transport: httpsTransport({ credentials: credentials.current, ca: certificates.serverCa.cert, timeoutMs: 3000 }),
      baseUrl: fake.baseUrl,
      sender,
      journal: memoryJobJournal(),
      signerKey: 'test',
      now,
      bundleSigner: signer,
    });
    const first = testJob(now());
    const second = testJob(now(), { seed: 2 });
    expect(await provider.createJob(first.request)).toMatchObject({ created: true });
    expect(await provider.createJob(second.request)).toMatchObject({ created: true });
    const signedBy = fake.received.slice(-2).map((job) => {
      const xml = new TextDecoder().decode(job.files.find((f) => f.name === 'META-INF/signatures.xml')!.bytes);
      return new X509Certificate(Buffer.from(/<X509Certificate>([^<]+)</.exec(xml)![1]!, 'base64')).fingerprint256;
    });
    expect(signedBy).toEqual([old.chain[0]!.fingerprint256, renewed.chain[0]!.fingerprint256]);
  });
});
