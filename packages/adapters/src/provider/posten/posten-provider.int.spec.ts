import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmailAddress, type Instant, type OrgNumber } from '@fagsign/domain';
import { makeTestCertificates, type TestCertificates } from '../testing/test-certificates.js';
import { startFakePosten, type FakePosten, type FakeSignature } from '../testing/fake-posten-server.js';
import { skipXmllint, validateAgainstPortalXsd } from '../testing/xmllint.js';
import { testJob, withParty } from '../testing/jobs.js';
import type { JobSigner } from '../signing-job.js';
import { commandsForStatusChange } from '../status-commands.js';
import { memoryJobJournal, type JobJournal } from './job-journal.js';
import { createPostenProvider, type PostenProviderOptions } from './posten-provider.js';
import { httpsTransport } from './transport.js';
import { notificationPlan, smsNumber } from './notification-plan.js';
import { parseManifest } from './manifest-reader.js';
import { parseJobRequest } from './status-change-xml.js';
import { enterpriseCredentials, type EnterpriseCredentials } from './enterprise-credentials.js';
import { xadesBundleSigner } from './xades-bundle-signer.js';
import type { SigningProvider } from '../signing-provider.js';

const sender = '940192226' as OrgNumber;
const now = () => '2026-08-03T07:00:00.000Z' as Instant;
const since = '2026-08-04T10:00:00+02:00';

let certificates: TestCertificates;
let fake: FakePosten;
let journal: JobJournal;
let provider: SigningProvider;

/** Every test goes through the real signer and the real server check: the county's credentials sign and authenticate. */
const connect = (overrides: Partial<PostenProviderOptions> = {}, client = certificates.client, serverOrganizationNumber = '984661185') => {
  const credentials: EnterpriseCredentials = enterpriseCredentials({ key: client.key, chain: client.cert });
  return createPostenProvider({
    transport: httpsTransport({ credentials: () => credentials, ca: certificates.serverCa.cert, serverOrganizationNumber, timeoutMs: 1500 }),
    baseUrl: fake.baseUrl,
    sender,
    journal,
    signerKey: 'test secret',
    now,
    bundleSigner: xadesBundleSigner(() => credentials, () => new Date().toISOString() as Instant),
    ...overrides,
  });
};

/** How the service names a signer in a status change: by what we addressed them with. */
const named = (signer: JobSigner, status: string): FakeSignature => {
  if (signer.personalId) return { status, since, pin: signer.personalId.reveal() };
  const plan = notificationPlan(signer);
  return plan.kind === 'contact' ? { status, since, ...(plan.email ? { email: plan.email.reveal() } : {}), ...(plan.sms ? { sms: smsNumber(plan.sms) } : {}) } : { status, since };
};

const caught = async (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as Error & Record<string, unknown>);

beforeAll(async () => {
  certificates = await makeTestCertificates();
});
beforeEach(async () => {
  fake = await startFakePosten(certificates, sender, 600, 200);
  journal = memoryJobJournal();
  provider = connect();
});
afterEach(async () => fake.close());

describe('the Posten signering adapter against a local HTTPS server', () => {
  it('uploads the job request and an ASiC-E bundle (document + manifest) as multipart/mixed over mutual TLS', async () => {
    const job = testJob(now());
    expect(await provider.createJob(job.request)).toEqual({ orderId: job.order.orderId, providerJobId: '1', created: true });
    const [upload] = fake.received;
    expect(upload!.partTypes).toEqual(['application/xml', 'application/octet-stream']);
    expect(parseJobRequest(upload!.requestXml).reference).toBe(job.order.orderId);
    expect(upload!.files.map((f) => f.name)).toEqual([job.request.document.fileName, 'manifest.xml', 'META-INF/signatures.xml']);
    expect(Buffer.from(upload!.files[0]!.bytes).equals(Buffer.from(job.request.document.bytes))).toBe(true);
    const manifest = new TextDecoder().decode(upload!.files[1]!.bytes);
    expect(parseManifest(manifest).signers).toHaveLength(job.request.signers.length);
    if (!skipXmllint) expect(validateAgainstPortalXsd([manifest, upload!.requestXml]).ok).toBe(true);
    expect(fake.log.every((r) => r.clientAuthorised)).toBe(true);
  });

  it('never makes two jobs for one order', async () => {
    const job = testJob(now());
    const first = await provider.createJob(job.request);
    expect(await provider.createJob(job.request)).toEqual({ ...first, created: false });
    expect(fake.received).toHaveLength(1);
  });

  it('polls: 204 gives no changes and the next permitted time; polling before it is a 429 with that time', async () => {
    const empty = await provider.fetchStatusChanges();
    expect(empty.changes).toEqual([]);
    expect(Date.parse(empty.nextPollAt!) - Date.now()).toBeGreaterThan(590_000);
    const error = await caught(provider.fetchStatusChanges());
    expect(error).toMatchObject({ name: 'TooManyRequests', code: 'http-429', transient: true, nextPermittedPollTime: empty.nextPollAt });
  });

  it('reads a 429 time written with an offset', async () => {
    fake.answerNext(429, '', { 'X-Next-permitted-poll-time': '2026-08-03T12:00:00+02:00' });
    expect(await caught(provider.fetchStatusChanges())).toMatchObject({ nextPermittedPollTime: '2026-08-03T10:00:00.000Z', retryAfter: '2026-08-03T10:00:00.000Z' });
  });

  it('brings back a status change with roles and order, and confirms it after it is recorded', async () => {
    const job = testJob(now());
    const { providerJobId } = await provider.createJob(job.request);
    const [first, ...rest] = job.request.signers;
    fake.queueChange(providerJobId, 'IN_PROGRESS', [named(first!, 'SIGNED'), ...rest.map((s) => named(s, 'WAITING'))], job.order.orderId);
    const { changes } = await provider.fetchStatusChanges();
    expect(changes).toHaveLength(1);
    const change = changes[0]!;
    expect(change).toMatchObject({ orderId: job.order.orderId, providerJobId, jobStatus: 'IN_PROGRESS' });
    expect(change.signers.map((s) => s.role)).toEqual(job.request.signers.map((s) => s.role));
    expect(JSON.stringify(change)).not.toMatch(/@|\d{11}/); // nothing personal travels on
    const { commands } = commandsForStatusChange(change, { ...job.order, status: 'accepted', providerJobId });
    expect(commands).toEqual([{ type: 'RecordSignerSigned', orderId: job.order.orderId, role: first!.role, signedAt: '2026-08-04T08:00:00.000Z' }]);
    await provider.confirm(change);
    expect(fake.queued).toBe(0);
    expect((await provider.fetchStatusChanges()).changes).toEqual([]);
  });

  it('gets an unconfirmed change again after the redelivery time', async () => {
    const job = testJob(now());
    const { providerJobId } = await provider.createJob(job.request);
    fake.queueChange(providerJobId, 'COMPLETED_SUCCESSFULLY', job.request.signers.map((s) => named(s, 'SIGNED')), job.order.orderId);
    const first = (await provider.fetchStatusChanges()).changes[0]!;
    expect(first.padesUrl).toMatch(/\/pades$/);
    await new Promise((r) => setTimeout(r, 250));
    const again = (await provider.fetchStatusChanges()).changes[0]!;
    expect(again.confirmation).toEqual(first.confirmation);
  });

  it('cancels a running job, and a finished one answers 409 as JobAlreadyFinished', async () => {
    const job = testJob(now());
    const ref = await provider.createJob(job.request);
    await provider.cancelJob(ref);
    expect(fake.log.at(-1)).toMatchObject({ method: 'POST', path: `/api/${sender}/portal/signature-jobs/1/cancel` });
    expect(await caught(provider.cancelJob(ref))).toMatchObject({ name: 'JobAlreadyFinished', providerJobId: '1', transient: false });
  });

  it('maps 5xx to a transient error and lets the same order be sent again', async () => {
    const job = testJob(now());
    fake.answerNext(503);
    expect(await caught(provider.createJob(job.request))).toMatchObject({ name: 'ProviderUnavailable', code: 'http-503', transient: true, httpStatus: 503 });
    expect(await provider.createJob(job.request)).toMatchObject({ created: true });
  });

  it('maps 400 to a permanent error with the service code, never the echoed body', async () => {
    const job = testJob(now());
    const pin = '01017025968';
    fake.answerNext(400, `<error xmlns="http://signering.posten.no/schema/v1"><error-code>INVALID_SIGNER</error-code><error-message>Signer ${pin} is invalid</error-message><error-type>CLIENT</error-type></error>`);
    const error = await caught(provider.createJob(job.request));
    expect(error).toMatchObject({ name: 'RequestRejected', code: 'http-400', serviceCode: 'INVALID_SIGNER', transient: false });
    expect(`${error!.message} ${JSON.stringify(error)}`).not.toContain(pin);
  });

  it('maps a refused client certificate (403) to a permanent authorisation error', async () => {
    const stranger = connect({}, certificates.stranger);
    expect(await caught(stranger.fetchStatusChanges())).toMatchObject({ name: 'ProviderUnauthorised', code: 'http-403', transient: false });
  });

  it('refuses a server whose certificate is not Posten Norge AS', async () => {
    const wary = connect({}, certificates.client, '999999999');
    expect(await caught(wary.fetchStatusChanges())).toMatchObject({ code: 'tls', transient: false });
  });

  it('after an upload without an answer, refuses to send again until a status change shows the job exists', async () => {
    const job = testJob(now());
    fake.stallNext();
    expect(await caught(provider.createJob(job.request))).toMatchObject({ name: 'ProviderTimeout', code: 'timeout', transient: true, requestSent: true });
    expect(await caught(provider.createJob(job.request))).toMatchObject({ name: 'JobCreationUncertain', code: 'creation-uncertain', transient: false });
    const made = fake.received[0]!.jobId; // the service did make the job; only its answer was lost
    fake.queueChange(made, 'IN_PROGRESS', job.request.signers.map((s) => named(s, 'WAITING')), job.order.orderId);
    const { changes } = await provider.fetchStatusChanges();
    expect(changes[0]).toMatchObject({ orderId: job.order.orderId, providerJobId: made });
    expect(changes[0]!.signers.map((s) => s.role)).toEqual(job.request.signers.map((s) => s.role));
    expect(await provider.createJob(job.request)).toEqual({ orderId: job.order.orderId, providerJobId: made, created: false });
    expect(fake.received).toHaveLength(1);
  });

  it('tolerates unknown signer and job statuses, surfacing them', async () => {
    const job = testJob(now());
    const { providerJobId } = await provider.createJob(job.request);
    const [first, ...rest] = job.request.signers;
    fake.answerNext(200, fake.queueChange(providerJobId, 'IN_PROGRESS', [named(first!, 'ON_HOLD'), ...rest.map((s) => named(s, 'WAITING'))], job.order.orderId).replace('IN_PROGRESS', 'PAUSED'));
    const change = (await provider.fetchStatusChanges()).changes[0]!;
    const { commands, unrecognised } = commandsForStatusChange(change, { ...job.order, status: 'accepted', providerJobId });
    expect(commands).toEqual([]);
    expect(unrecognised).toEqual([
      { reason: 'unknown-signer-status', status: 'ON_HOLD', role: first!.role, position: 0 },
      { reason: 'unknown-job-status', status: 'PAUSED' },
    ]);
  });

  it('tells two roles with the same address apart only when their statuses agree', async () => {
    const shared = EmailAddress.registered('kari.leder@bilfag.no');
    const job = testJob(now(), { change: (parties) => withParty('daglig-leder', (p) => ({ ...p, email: shared }))(withParty('faglig-leder', (p) => ({ ...p, email: shared }))(parties)) });
    const { providerJobId } = await provider.createJob(job.request);
    const leaders = job.request.signers.filter((s) => s.role === 'faglig-leder' || s.role === 'daglig-leder');
    fake.queueChange(providerJobId, 'IN_PROGRESS', leaders.map((s) => named(s, 'SIGNED')), job.order.orderId);
    fake.queueChange(providerJobId, 'IN_PROGRESS', leaders.map((s, i) => named(s, i === 0 ? 'SIGNED' : 'WAITING')), job.order.orderId);
    const agree = (await provider.fetchStatusChanges()).changes[0]!;
    expect(agree.signers.map((s) => s.role)).toEqual(['faglig-leder', 'daglig-leder']);
    await provider.confirm(agree);
    const differ = (await provider.fetchStatusChanges()).changes[0]!;
    expect(differ.signers.map((s) => s.role)).toEqual([undefined, undefined]);
  });

  it('does not follow a confirmation link to another host with the enterprise certificate', async () => {
    const xml = fake.queueChange('5', 'IN_PROGRESS', [{ status: 'WAITING', since, email: 'a@b.no' }]).replace(/https:\/\/127\.0\.0\.1:\d+/, 'https://elsewhere.example');
    fake.answerNext(200, xml);
    const change = (await provider.fetchStatusChanges()).changes[0]!;
    expect(await caught(provider.confirm(change))).toMatchObject({ code: 'foreign-link', transient: false });
  });

  it('refuses to start without a bundle signer unless pointed at a test server', () => {
    expect(() => connect({ bundleSigner: undefined })).toThrow(/bundleSigner/);
    expect(() => connect({ bundleSigner: undefined, unsignedBundles: 'only-for-a-test-server' })).not.toThrow();
  });

  it('is refused by the service when the bundle carries no signature, or a signature that does not hold', async () => {
    const unsigned = connect({ bundleSigner: undefined, unsignedBundles: 'only-for-a-test-server' });
    expect(await caught(unsigned.createJob(testJob(now()).request))).toMatchObject({ name: 'RequestRejected', code: 'http-400' });
    const forged = connect({ bundleSigner: async () => new TextEncoder().encode('<XAdESSignatures xmlns="http://uri.etsi.org/2918/v1.2.1#"/>') });
    expect(await caught(forged.createJob(testJob(now()).request))).toMatchObject({ name: 'RequestRejected', code: 'http-400' });
    expect(fake.rejectedBundles).toEqual(['no-signature', 'no-signature']);
    expect(fake.received).toHaveLength(0);
  });
});

describe('fetching the signed document (PAdES) from the Posten adapter', () => {
  const completedJob = async () => {
    const job = testJob(now());
    const { providerJobId } = await provider.createJob(job.request);
    fake.queueChange(providerJobId, 'COMPLETED_SUCCESSFULLY', job.request.signers.map((s) => named(s, 'SIGNED')), job.order.orderId);
    const change = (await provider.fetchStatusChanges()).changes[0]!;
    // The link the runner keeps: what the domain records with the completing signature.
    const { commands } = commandsForStatusChange(change, { ...job.order, status: 'accepted', providerJobId });
    const url = (commands[0] as { signedDocument?: string }).signedDocument!;
    return { job, providerJobId, url };
  };

  it('GETs the link of a completed job over mutual TLS and returns the PDF as the service sent it', async () => {
    const { providerJobId, url } = await completedJob();
    expect(url).toBe(`${fake.baseUrl}/${sender}/portal/signature-jobs/${providerJobId}/pades`);
    const pdf = await provider.fetchSignedDocument({ providerJobId, url });
    expect(Buffer.from(pdf).equals(Buffer.from(fake.signedDocument(providerJobId)))).toBe(true);
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
    expect(fake.log.at(-1)).toEqual({ method: 'GET', path: `/api/${sender}/portal/signature-jobs/${providerJobId}/pades`, clientAuthorised: true });
  });

  it('answers UnknownJob (404) for a job that has not completed', async () => {
    const job = testJob(now());
    const { providerJobId } = await provider.createJob(job.request);
    const url = `${fake.baseUrl}/${sender}/portal/signature-jobs/${providerJobId}/pades`;
    expect(await caught(provider.fetchSignedDocument({ providerJobId, url }))).toMatchObject({ name: 'UnknownJob', code: 'http-404', transient: false, providerJobId });
  });

  it('maps errors as the other calls do: 5xx and a lost answer are transient, 401/403 and other 4xx are not', async () => {
    const { providerJobId, url } = await completedJob();
    const ref = { providerJobId, url };
    fake.answerNext(502);
    expect(await caught(provider.fetchSignedDocument(ref))).toMatchObject({ name: 'ProviderUnavailable', code: 'http-502', transient: true });
    fake.stallNext();
    expect(await caught(provider.fetchSignedDocument(ref))).toMatchObject({ name: 'ProviderTimeout', code: 'timeout', transient: true });
    fake.answerNext(403);
    expect(await caught(provider.fetchSignedDocument(ref))).toMatchObject({ name: 'ProviderUnauthorised', code: 'http-403', transient: false });
    fake.answerNext(400, `<error xmlns="http://signering.posten.no/schema/v1"><error-code>INVALID_REQUEST</error-code><error-message>no</error-message><error-type>CLIENT</error-type></error>`);
    expect(await caught(provider.fetchSignedDocument(ref))).toMatchObject({ name: 'RequestRejected', code: 'http-400', serviceCode: 'INVALID_REQUEST', transient: false });
    fake.answerNext(302, '', { Location: 'https://elsewhere.example/pades' });
    expect(await caught(provider.fetchSignedDocument(ref))).toMatchObject({ name: 'RequestRejected', code: 'http-302', transient: false });
    expect(Buffer.from(await provider.fetchSignedDocument(ref)).equals(Buffer.from(fake.signedDocument(providerJobId)))).toBe(true);
  });

  it('refuses a 200 answer that is not a PDF, so no error page reaches the archive', async () => {
    const { providerJobId, url } = await completedJob();
    fake.answerNext(200, '<html><body>Logg inn</body></html>', { 'Content-Type': 'text/html' });
    expect(await caught(provider.fetchSignedDocument({ providerJobId, url }))).toMatchObject({ code: 'not-a-pdf', transient: false });
  });

  it('never sends a request with the enterprise certificate to another origin', async () => {
    const { providerJobId, url } = await completedJob();
    const other = await startFakePosten(certificates, sender);
    try {
      other.queueChange(providerJobId, 'COMPLETED_SUCCESSFULLY', []);
      const port = new URL(fake.baseUrl).port;
      const elsewhere = [
        url.replace(fake.baseUrl, other.baseUrl), // the same host on another port
        url.replace('https://', 'http://'),
        url.replace('127.0.0.1', 'localhost'),
        url.replace(`127.0.0.1:${port}`, `127.0.0.1:${port}@elsewhere.example`),
        'not a url',
        `/api/${sender}/portal/signature-jobs/${providerJobId}/pades`,
      ];
      const requests = fake.log.length;
      for (const foreign of elsewhere) {
        expect(await caught(provider.fetchSignedDocument({ providerJobId, url: foreign }))).toMatchObject({ code: 'foreign-link', transient: false });
      }
      expect(other.log).toEqual([]);
      expect(fake.log).toHaveLength(requests);
    } finally {
      await other.close();
    }
  });
});

describe('the fake server itself', () => {
  it.skipIf(skipXmllint)('answers status changes that validate against portal.xsd', () => {
    const job = testJob(now());
    const xml = fake.queueChange('1', 'COMPLETED_SUCCESSFULLY', job.request.signers.map((s) => named(s, 'SIGNED')), job.order.orderId);
    expect(validateAgainstPortalXsd([xml]).ok).toBe(true);
  });
});
