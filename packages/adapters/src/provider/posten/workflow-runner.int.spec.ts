/*
 * The workflow runner over the Posten adapter itself, against the local fake Posten server: the
 * real XAdES signer signs each bundle, the fake server refuses any bundle whose signature does not
 * hold, and the transport accepts the server only by the check Posten's clients make (a
 * certificate made like Posten's: no DNS name, the number in organizationIdentifier, reached by
 * address). The runner's other tests use the simulated service for its scripted signers; these
 * show the same path end to end over HTTPS: order out, signatures in, the signed PDF archived
 * before the completing change is confirmed, across a crash between fetching and confirming.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { contractStreamName, defaultPolicy, replay, type SigningPolicy, type ContractEvent, type ContractId, type ContractState, type Instant, type OrgNumber } from '@fagsign/domain';
import { sampleRegistration } from '@fagsign/domain/testing';
import { getInMemoryEventStore } from '../../store/memory/memory-event-store.js';
import type { EventStore } from '../../store/event-store.js';
import { handle } from '../../handling/handle.js';
import { createWorkflowRunner, type WorkflowRunner } from '../../workflow/runner.js';
import type { SignedContractDocument } from '../../workflow/ports.js';
import { simulatedNotifier, simulatedVigo } from '../../workflow/simulated-ports.js';
import type { SigningProvider } from '../signing-provider.js';
import { makeTestCertificates, type KeyPair, type TestCertificates } from '../testing/test-certificates.js';
import { startFakePosten, type FakePosten, type FakeSignature } from '../testing/fake-posten-server.js';
import { memoryJobJournal, type JobJournal } from './job-journal.js';
import { createPostenProvider } from './posten-provider.js';
import { httpsTransport } from './transport.js';
import { enterpriseCredentials } from './enterprise-credentials.js';
import { xadesBundleSigner } from './xades-bundle-signer.js';
import { parseManifest } from './manifest-reader.js';

const sender = '940192226' as OrgNumber;
const instant = () => new Date().toISOString() as Instant;
const oslo = () => DateTime.now().setZone('Europe/Oslo');
const redeliverMs = 300;

let certificates: TestCertificates;
let fake: FakePosten;
let journal: JobJournal;
let store: EventStore<ContractEvent>;

beforeAll(async () => {
  certificates = await makeTestCertificates();
});
beforeEach(async () => {
  // No wait between polls; an unconfirmed change is handed out again after 300 ms.
  fake = await startFakePosten(certificates, sender, 0, redeliverMs);
  journal = memoryJobJournal();
  store = getInMemoryEventStore();
});
afterEach(async () => fake.close());

/** The Posten adapter as `fagsign run` makes it: one county certificate for mutual TLS and the bundle signature (`signWith` to sign with another). */
const postenProvider = (signWith: KeyPair = certificates.client): SigningProvider => {
  const tls = enterpriseCredentials({ key: certificates.client.key, chain: certificates.client.cert });
  const signing = enterpriseCredentials({ key: signWith.key, chain: signWith.cert });
  return createPostenProvider({
    transport: httpsTransport({ credentials: () => tls, ca: certificates.serverCa.cert, timeoutMs: 3000 }),
    baseUrl: fake.baseUrl,
    sender,
    journal,
    signerKey: 'test secret',
    now: instant,
    bundleSigner: xadesBundleSigner(() => signing, instant),
  });
};

const archive = (stored: SignedContractDocument[], onStore: () => void = () => undefined) => ({
  async storeSignedContract(document: SignedContractDocument) {
    onStore();
    stored.push(document);
    return { reference: `ARK-${stored.length}` };
  },
});

const runnerOver = (provider: SigningProvider, stored: SignedContractDocument[], onStore?: () => void, policy: SigningPolicy = defaultPolicy): WorkflowRunner =>
  createWorkflowRunner({ store, provider, policy, notifier: simulatedNotifier({ now: instant }), archive: archive(stored, onStore), vigo: simulatedVigo() });

const registerWithOrder = async (contractId: string, policy: SigningPolicy = defaultPolicy): Promise<ContractId> => {
  // Starts well after today, so the pre-flight check has nothing to say about the date.
  const registration = sampleRegistration({ contractId, startDate: oslo().plus({ days: 60 }).toISODate()! });
  await handle(store, registration.contractId, registration, { now: oslo(), policy });
  await handle(store, registration.contractId, { type: 'CreateOrder' }, { now: oslo(), policy });
  return registration.contractId;
};

const stateOf = async (contractId: ContractId): Promise<ContractState> => replay((await store.readStream(contractStreamName(contractId))).events.map((e) => e.event));

/** Every signer of a received job SIGNED, named as the service names them: by what the manifest addressed them with. */
const allSigned = (jobIndex = 0): FakeSignature[] => {
  const manifest = fake.received[jobIndex]!.files.find((f) => f.name === 'manifest.xml')!;
  const since = new Date().toISOString();
  return parseManifest(new TextDecoder().decode(manifest.bytes)).signers.map((s): FakeSignature =>
    s.identification.kind === 'personal-id'
      ? { status: 'SIGNED', since, pin: s.identification.personalId.reveal() }
      : { status: 'SIGNED', since, ...(s.identification.email ? { email: s.identification.email.reveal() } : {}), ...(s.identification.sms ? { sms: s.identification.sms.reveal() } : {}) },
  );
};

const confirmsSent = () => fake.log.filter((l) => l.method === 'POST' && l.path.endsWith('/complete')).length;

describe('the workflow runner over the Posten adapter and the fake Posten server', () => {
  it('sends the order in a signed bundle over the checked connection, and archives the signed PDF before it confirms the completing change', async () => {
    const stored: SignedContractDocument[] = [];
    const confirmsWhenStored: number[] = [];
    const runner = runnerOver(postenProvider(), stored, () => confirmsWhenStored.push(confirmsSent()));
    const id = await registerWithOrder('PO-1');

    await runner.runOnce(oslo());
    expect(fake.rejectedBundles).toEqual([]);
    expect(fake.received).toHaveLength(1);
    expect(fake.received[0]!.files.map((f) => f.name)).toEqual(['PO-1.pdf', 'manifest.xml', 'META-INF/signatures.xml']);
    expect(fake.log.every((l) => l.clientAuthorised)).toBe(true);
    const accepted = await stateOf(id);
    expect(accepted.orders[0]).toMatchObject({ providerJobId: '1' });

    fake.queueChange('1', 'COMPLETED_SUCCESSFULLY', allSigned(), accepted.orders[0]!.orderId);
    await runner.runOnce(oslo());

    const state = await stateOf(id);
    expect(state.status).toBe('signed-electronically');
    expect(state.followUp?.archive.done).toBe(true);
    expect(stored).toHaveLength(1);
    expect(Buffer.from(stored[0]!.bytes).equals(Buffer.from(fake.signedDocument('1')))).toBe(true);
    // Stored before any confirm went out; confirmed after.
    expect(confirmsWhenStored).toEqual([0]);
    expect(confirmsSent()).toBe(1);
    expect(fake.queued).toBe(0);
  });

  it('loses nothing when the process dies between fetching the signed PDF and confirming: the change comes back, the PDF is stored, then confirmed', async () => {
    const stored: SignedContractDocument[] = [];
    const real = postenProvider();
    // The first process dies once it has the PDF: nothing it does after that reaches the service or the archive.
    let dead = false;
    const dying: SigningProvider = {
      ...real,
      async fetchSignedDocument(ref) {
        if (!dead) await real.fetchSignedDocument(ref);
        dead = true;
        throw new Error('killed after fetching the signed document');
      },
      async confirm(change) {
        if (dead) throw new Error('dead');
        return real.confirm(change);
      },
    };
    const id = await registerWithOrder('PO-2');
    const first = runnerOver(dying, stored);
    await first.runOnce(oslo());
    const orderId = (await stateOf(id)).orders[0]!.orderId;
    fake.queueChange('1', 'COMPLETED_SUCCESSFULLY', allSigned(), orderId);
    await first.runOnce(oslo()).catch(() => undefined);
    expect(stored).toHaveLength(0);
    expect(confirmsSent()).toBe(0);

    // A new process over the same store and journal, once the change is handed out again and the archive step is due.
    await new Promise((resolve) => setTimeout(resolve, redeliverMs + 50));
    const second = runnerOver(real, stored);
    await second.runOnce(oslo().plus({ minutes: 16 }));
    const state = await stateOf(id);
    expect(state.status).toBe('signed-electronically');
    expect(state.followUp?.archive.done).toBe(true);
    expect(stored).toHaveLength(1);
    expect(confirmsSent()).toBe(1);
    expect(fake.queued).toBe(0);
  });

  it("sends what the county's policy sets per job: log-in level, signature type, identifier in the signed PDF, signer groups", async () => {
    const policy: SigningPolicy = { ...defaultPolicy, requiredAuthentication: 4, signatureType: 'authenticated', identifierInSignedDocuments: 'name', signerGroups: { 'daglig-leder': 2 } };
    const runner = runnerOver(postenProvider(), [], undefined, policy);
    await registerWithOrder('PO-4', policy);
    await runner.runOnce(oslo());
    const xml = new TextDecoder().decode(fake.received[0]!.files.find((f) => f.name === 'manifest.xml')!.bytes);
    expect(xml).toContain('<required-authentication>4</required-authentication>');
    expect(xml).toContain('<identifier-in-signed-documents>NAME</identifier-in-signed-documents>');
    expect(xml.match(/<signature-type>AUTHENTICATED_ELECTRONIC_SIGNATURE<\/signature-type>/g)).toHaveLength(parseManifest(xml).signers.length);
    expect(parseManifest(xml).signers.map((s) => s.order)).toContain(2);
  });

  it('gets no job when the bundle is signed with a certificate the service does not trust', async () => {
    const runner = runnerOver(postenProvider(certificates.stranger), []);
    const id = await registerWithOrder('PO-3');
    await runner.runOnce(oslo());
    expect(fake.rejectedBundles).toHaveLength(1);
    expect(fake.received).toHaveLength(0);
    expect((await stateOf(id)).orders[0]!.providerJobId).toBeUndefined();
  });
});
