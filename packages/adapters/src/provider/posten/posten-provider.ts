import { OrderIdCodec, type Instant, type OrderId, type OrgNumber } from '@fagsign/domain';
import { InvalidSigningJob } from '../errors/invalid-signing-job.js';
import { JobCreationUncertain } from '../errors/job-creation-uncertain.js';
import { ProviderError } from '../errors/provider-error.js';
import { ProviderTimeout } from '../errors/provider-timeout.js';
import type { SigningJobRequest } from '../signing-job.js';
import { signingJobProblems } from '../signing-job-rules.js';
import type { CreatedJob, JobRef, SignedDocumentRef, SigningProvider, StatusChange, StatusChangeBatch } from '../signing-provider.js';
import { documentBundle, type BundleSigner } from './document-bundle.js';
import { errorFor, nextPermittedPollTime } from './http-errors.js';
import type { JobJournal } from './job-journal.js';
import { checkJobSettings, type PostenJobSettings } from './job-settings.js';
import { jobRequestXml, manifestXml, referenceFor } from './manifest-xml.js';
import { multipartMixed } from './multipart.js';
import { sentFingerprints, signerFingerprint } from './signer-fingerprint.js';
import { rolesOf } from './signer-matching.js';
import { parseJobResponse, parseStatusChange } from './status-change-xml.js';
import type { HttpResponse, HttpTransport } from './transport.js';

export interface PostenProviderOptions {
  /** `httpsTransport(…)` with the enterprise certificate, or a test double. */
  readonly transport: HttpTransport;
  /** The API root: `https://api.signering.posten.no/api`, or `https://api.difitest.signering.posten.no/api` for tests. */
  readonly baseUrl: string;
  /** The county's organisation number: the sender of every job. */
  readonly sender: OrgNumber;
  readonly journal: JobJournal;
  /** A secret for the journal's signer fingerprints; keep it as you keep the certificate's key. */
  readonly signerKey: string | Uint8Array;
  readonly now: () => Instant;
  readonly pollingQueue?: string;
  /** Signs the document bundle (`META-INF/signatures.xml`); the real service requires it. */
  readonly bundleSigner?: BundleSigner;
  /**
   * Job settings of the adapter's own, from before they were the county's policy (required
   * authentication, signature type, identifier in the signed PDF, activation time). Each job's
   * `choices` (the county's policy, via `signingJobFor`) win for every field they set; these fill
   * in a field the policy leaves to the service.
   */
  readonly jobSettings?: PostenJobSettings;
  /** Without a bundle signer the service refuses every job; this says you know (a local test server). */
  readonly unsignedBundles?: 'only-for-a-test-server';
}

const name = 'posten-signering';
const ok = (response: HttpResponse) => response.status >= 200 && response.status < 300;
const text = (response: HttpResponse) => new TextDecoder().decode(response.body);
const pdfMagic = new TextEncoder().encode('%PDF-');
const startsWith = (bytes: Uint8Array, prefix: Uint8Array) => bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

/**
 * The SigningProvider for Posten signering's portal flow: creates jobs with the manifest and the
 * document bundle, polls the status queue one change at a time, confirms and cancels through the
 * links the service gives, and fetches the signed document (PAdES) from the link a completed job
 * carried. See the provider README for what has not been tried against the real service.
 */
export const createPostenProvider = (options: PostenProviderOptions): SigningProvider => {
  if (options.bundleSigner === undefined && options.unsignedBundles !== 'only-for-a-test-server') {
    throw new TypeError('Posten signering needs a signed document bundle: give a bundleSigner, or unsignedBundles for a test server');
  }
  const { transport, journal } = options;
  const settings = options.jobSettings ?? {};
  checkJobSettings(settings);
  const jobsUrl = `${options.baseUrl.replace(/\/+$/, '')}/${options.sender}/portal/signature-jobs`;
  const origin = new URL(jobsUrl).origin;
  const fingerprint = signerFingerprint(options.signerKey);
  const digest = (s: string) => fingerprint('pin', `reference:${s}`);
  const headers = { Accept: 'application/xml', 'User-Agent': 'fagsign' };

  /** Our certificate goes only to the service: a link that points elsewhere (or is no URL at all) is not followed. */
  const link = (url: string): string => {
    if (!URL.canParse(url) || new URL(url).origin !== origin) throw new ProviderError('foreign-link', false, 'The signing service gave a link to another host');
    return url;
  };

  const createJob = async (job: SigningJobRequest): Promise<CreatedJob> => {
    const known = await journal.get(job.orderId);
    const upload = job.upload ?? 1;
    if (known?.state === 'created') return { orderId: job.orderId, providerJobId: known.providerJobId!, created: false };
    // An earlier upload in doubt blocks this one, unless a person has since found it made no job (a higher upload number).
    if (known?.state === 'sending' && (known.upload ?? 1) >= upload) throw new JobCreationUncertain(job.orderId);
    const problems = signingJobProblems(job);
    if (problems.length > 0) throw new InvalidSigningJob(problems);

    const reference = referenceFor(job.orderId, digest);
    const manifest = manifestXml(job, options.sender, settings, options.now());
    const bundle = await documentBundle(manifest, job.document, options.bundleSigner);
    const { contentType, body } = multipartMixed([
      { contentType: 'application/xml', bytes: new TextEncoder().encode(jobRequestXml(reference, options.pollingQueue)) },
      { contentType: 'application/octet-stream', bytes: bundle },
    ]);
    const signers = job.signers.map((s) => ({ role: s.role, fingerprints: sentFingerprints(s, fingerprint) }));
    await journal.put({ orderId: job.orderId, reference, state: 'sending', upload, signers });

    let response: HttpResponse;
    try {
      response = await transport.send({ method: 'POST', url: jobsUrl, headers: { ...headers, 'Content-Type': contentType }, body });
    } catch (error) {
      // Only an upload that may have arrived leaves the order uncertain.
      if (!(error instanceof ProviderTimeout && error.requestSent)) await journal.remove(job.orderId);
      throw error;
    }
    if (!ok(response)) {
      await journal.remove(job.orderId);
      throw errorFor(response, { now: options.now });
    }
    // A success we cannot read leaves the entry `sending`: the job probably exists.
    const created = parseJobResponse(text(response));
    await journal.put({ orderId: job.orderId, reference, state: 'created', upload, providerJobId: created.jobId, cancellationUrl: created.cancellationUrl, signers });
    return { orderId: job.orderId, providerJobId: created.jobId, created: true };
  };

  const orderOf = async (reference: string | undefined, jobId: string) => {
    const entry = (reference === undefined ? undefined : await journal.byReference(reference)) ?? (await journal.byJobId(jobId));
    if (entry?.state === 'sending') {
      // The change proves the uncertain upload made this job.
      const resolved = { ...entry, state: 'created' as const, providerJobId: jobId };
      await journal.put(resolved);
      return { entry: resolved, orderId: entry.orderId };
    }
    const fromReference = reference !== undefined && OrderIdCodec.is(reference) ? (reference as OrderId) : undefined;
    return { entry, orderId: entry?.orderId ?? fromReference };
  };

  const fetchStatusChanges = async (): Promise<StatusChangeBatch> => {
    const queue = options.pollingQueue === undefined ? '' : `?polling_queue=${encodeURIComponent(options.pollingQueue)}`;
    const response = await transport.send({ method: 'GET', url: `${jobsUrl}${queue}`, headers });
    const nextPollAt = nextPermittedPollTime(response);
    if (response.status === 204) return { changes: [], nextPollAt };
    if (!ok(response)) throw errorFor(response, { now: options.now });
    const reported = parseStatusChange(text(response));
    const { entry, orderId } = await orderOf(reported.reference, reported.jobId);
    const roles = rolesOf(reported.signatures, entry, fingerprint);
    const change: StatusChange = {
      orderId,
      providerJobId: reported.jobId,
      jobStatus: reported.status,
      signers: reported.signatures.map((s, position) => ({
        role: roles[position],
        position,
        status: s.status,
        since: s.since,
        ...(s.xadesUrl === undefined ? {} : { xadesUrl: s.xadesUrl }),
      })),
      ...(reported.padesUrl === undefined ? {} : { padesUrl: reported.padesUrl }),
      confirmation: { provider: name, token: reported.confirmationUrl },
    };
    return { changes: [change], nextPollAt };
  };

  const confirm = async (change: StatusChange): Promise<void> => {
    if (change.confirmation.provider !== name) throw new ProviderError('foreign-confirmation', false, 'The change came from another provider');
    const response = await transport.send({ method: 'POST', url: link(change.confirmation.token), headers });
    if (!ok(response)) throw errorFor(response, { jobId: change.providerJobId, now: options.now });
  };

  const cancelJob = async (ref: JobRef): Promise<void> => {
    const entry = await journal.get(ref.orderId);
    const url = entry?.providerJobId === ref.providerJobId && entry.cancellationUrl ? entry.cancellationUrl : `${jobsUrl}/${encodeURIComponent(ref.providerJobId)}/cancel`;
    const response = await transport.send({ method: 'POST', url: link(url), headers });
    if (!ok(response)) throw errorFor(response, { jobId: ref.providerJobId, cancelling: true, now: options.now });
  };

  const fetchSignedDocument = async (ref: SignedDocumentRef): Promise<Uint8Array> => {
    // As Posten's own client asks: the document as bytes, or an error as XML.
    const response = await transport.send({ method: 'GET', url: link(ref.url), headers: { ...headers, Accept: 'application/pdf, application/octet-stream, application/xml' } });
    if (!ok(response)) throw errorFor(response, { jobId: ref.providerJobId, now: options.now });
    // A 200 that is not a PDF (an error page, say) must not reach the archive as the signed contract.
    if (!startsWith(response.body, pdfMagic)) throw new ProviderError('not-a-pdf', false, `The signed document of job ${ref.providerJobId} is not a PDF`);
    return response.body;
  };

  return { name, createJob, cancelJob, fetchStatusChanges, confirm, fetchSignedDocument };
};
