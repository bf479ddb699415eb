import { osloZone, type Instant, type OrderId, type PartyRole } from '@fagsign/domain';
import { DateTime } from 'luxon';
import { InvalidSigningJob } from '../errors/invalid-signing-job.js';
import { JobAlreadyFinished } from '../errors/job-already-finished.js';
import { ProviderError } from '../errors/provider-error.js';
import { ProviderUnavailable } from '../errors/provider-unavailable.js';
import { TooManyRequests } from '../errors/too-many-requests.js';
import { UnknownJob } from '../errors/unknown-job.js';
import type { SigningJobRequest } from '../signing-job.js';
import { signingJobProblems } from '../signing-job-rules.js';
import { placeholderPdf } from '../placeholder-pdf.js';
import type { CreatedJob, JobRef, SignedDocumentRef, SigningProvider, StatusChange, StatusChangeBatch } from '../signing-provider.js';
import { behaviourOf, pilotProfile, type SignerProfile, type SignerScript } from './behaviour.js';
import { randomFor } from './prng.js';
import { advanceJob, cancelJob, remindSigner, snapshot, startJob, type JobSnapshot, type SimulatedJob } from './simulated-job.js';
import { statusQueue } from './status-queue.js';

/** A time when every call to the service fails, as on the pilot's bad days. */
export interface Outage {
  readonly from: Instant;
  readonly to: Instant;
  readonly httpStatus?: number;
}

/** The whole of one day in Oslo (`2026-03-10`), midnight to midnight. */
export const outageOn = (date: string, httpStatus = 503): Outage => {
  const start = DateTime.fromISO(date, { zone: osloZone }).startOf('day');
  return { from: start.toUTC().toISO() as Instant, to: start.plus({ days: 1 }).toUTC().toISO() as Instant, httpStatus };
};

export interface SimulatedProviderOptions {
  readonly seed: number;
  /** The runner's clock; the service knows no other time. */
  readonly now: () => Instant;
  readonly script?: SignerScript;
  readonly profile?: Partial<SignerProfile>;
  readonly outages?: readonly Outage[];
  /** Like Posten's queue: after an empty poll wait `afterEmptySeconds` (production: 600), else `afterChangeSeconds`. */
  readonly polling?: { readonly afterEmptySeconds?: number; readonly afterChangeSeconds?: number; readonly batchSize?: number };
  /** An unconfirmed change comes back after this long (Posten: 10 minutes). */
  readonly redeliverAfterSeconds?: number;
  /** Chance (0–1) that a delivered change is delivered a second time right away, to test duplicate handling. */
  readonly duplicateChance?: number;
}

/** What the demo and tests may look at: statuses only, no contact data. */
export interface SimulatedJobView extends JobSnapshot {
  readonly providerJobId: string;
  readonly orderId: OrderId;
}

export interface SimulatedSigningProvider extends SigningProvider {
  /** Our own reminder (a Notifier's SMS or e-mail) reaches the signer now; a slow signer may sign sooner. */
  remind(orderId: OrderId, role: PartyRole): void;
  job(orderId: OrderId): SimulatedJobView | undefined;
  readonly pendingChanges: number;
}

interface QueuedChange extends JobSnapshot {
  readonly providerJobId: string;
  readonly orderId: OrderId;
}

export const createSimulatedProvider = (options: SimulatedProviderOptions): SimulatedSigningProvider => {
  const name = 'simulated';
  const profile: SignerProfile = { ...pilotProfile, ...options.profile };
  const afterEmpty = (options.polling?.afterEmptySeconds ?? 600) * 1000;
  const afterChange = (options.polling?.afterChangeSeconds ?? 0) * 1000;
  const batchSize = options.polling?.batchSize ?? 1;
  const hideMs = (options.redeliverAfterSeconds ?? 600) * 1000;
  const jobs = new Map<OrderId, SimulatedJob>();
  const queue = statusQueue<QueuedChange>();
  let sequence = 0;
  let nextPollAt = 0;

  const now = (): number => Date.parse(options.now());

  const failIfDown = (at: number) => {
    const outage = options.outages?.find((o) => Date.parse(o.from) <= at && at < Date.parse(o.to));
    if (outage !== undefined) throw new ProviderUnavailable(outage.httpStatus ?? 503);
  };

  /** Lets time pass at the service: every job moves to `at`, and what changed is queued in time order. */
  const catchUp = (at: number) => {
    const changes: QueuedChange[] = [];
    for (const job of jobs.values()) {
      for (const s of advanceJob(job, at)) changes.push({ ...s, providerJobId: job.providerJobId, orderId: job.orderId });
    }
    changes.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    for (const change of changes) queue.push(`${change.providerJobId}:${++sequence}`, change, Date.parse(change.at));
  };

  const padesUrlOf = (providerJobId: string) => `simulated:/jobs/${providerJobId}/pades`;

  const toStatusChange = (token: string, change: QueuedChange): StatusChange => ({
    orderId: change.orderId,
    providerJobId: change.providerJobId,
    jobStatus: change.jobStatus,
    signers: change.signers.map((s, position) => ({ role: s.role, status: s.status, since: s.since, position })),
    ...(change.jobStatus === 'COMPLETED_SUCCESSFULLY' ? { padesUrl: padesUrlOf(change.providerJobId) } : {}),
    confirmation: { provider: name, token },
  });

  const createJob = async (request: SigningJobRequest): Promise<CreatedJob> => {
    const at = now();
    failIfDown(at);
    const existing = jobs.get(request.orderId);
    if (existing !== undefined) return { orderId: request.orderId, providerJobId: existing.providerJobId, created: false };
    const problems = signingJobProblems(request);
    if (problems.length > 0) throw new InvalidSigningJob(problems);
    const providerJobId = String(jobs.size + 1);
    const who = { contractId: request.contractId, orderId: request.orderId, attempt: request.attempt };
    const job: SimulatedJob = {
      providerJobId,
      orderId: request.orderId,
      createdAt: at,
      deadline: at + request.availableSeconds * 1000,
      status: 'IN_PROGRESS',
      signers: request.signers.map((signer) => {
        const random = randomFor(options.seed, 'signer', request.orderId, signer.role);
        const behaviour = behaviourOf(signer, { ...who, role: signer.role }, options.script, profile, random);
        return { role: signer.role, group: signer.group, behaviour, random, status: 'WAITING', since: options.now(), activatedAt: undefined, respondsAt: undefined };
      }),
    };
    startJob(job);
    jobs.set(request.orderId, job);
    return { orderId: request.orderId, providerJobId, created: true };
  };

  const cancel = async (ref: JobRef): Promise<void> => {
    const at = now();
    failIfDown(at);
    catchUp(at);
    const job = jobs.get(ref.orderId);
    if (job === undefined || job.providerJobId !== ref.providerJobId) throw new UnknownJob(ref.providerJobId);
    const change = cancelJob(job, at);
    if (change === undefined) throw new JobAlreadyFinished(ref.providerJobId);
    queue.push(`${job.providerJobId}:${++sequence}`, { ...change, providerJobId: job.providerJobId, orderId: job.orderId }, at);
  };

  const fetchStatusChanges = async (): Promise<StatusChangeBatch> => {
    const at = now();
    failIfDown(at);
    if (at < nextPollAt) throw new TooManyRequests(new Date(nextPollAt).toISOString() as Instant);
    catchUp(at);
    const taken = queue.take(at, batchSize, hideMs);
    for (const { token, item } of taken) {
      if (randomFor(options.seed, 'duplicate', token)() < (options.duplicateChance ?? 0)) queue.push(`${token}+`, item, at);
    }
    nextPollAt = at + (taken.length === 0 ? afterEmpty : afterChange);
    return { changes: taken.map(({ token, item }) => toStatusChange(token, item)), nextPollAt: new Date(nextPollAt).toISOString() as Instant };
  };

  const confirm = async (change: StatusChange): Promise<void> => {
    failIfDown(now());
    if (change.confirmation.provider !== name) throw new ProviderError('foreign-confirmation', false, 'The change came from another provider');
    queue.confirm(change.confirmation.token);
  };

  /** A one-page PDF naming the job (no one's name: the simulated service has no real document to sign). */
  const fetchSignedDocument = async (ref: SignedDocumentRef): Promise<Uint8Array> => {
    const at = now();
    failIfDown(at);
    catchUp(at);
    const job = [...jobs.values()].find((j) => j.providerJobId === ref.providerJobId);
    // Like a 404 at the service: no such job, a link that is not this job's, or no signed document yet.
    if (job === undefined || ref.url !== padesUrlOf(job.providerJobId) || job.status !== 'COMPLETED_SUCCESSFULLY') throw new UnknownJob(ref.providerJobId);
    return placeholderPdf(`Signert dokument, signeringsoppdrag ${job.providerJobId}`);
  };

  return {
    name,
    createJob,
    cancelJob: cancel,
    fetchStatusChanges,
    confirm,
    fetchSignedDocument,
    remind(orderId, role) {
      const at = now();
      catchUp(at);
      const signer = jobs.get(orderId)?.signers.find((s) => s.role === role);
      if (signer !== undefined) remindSigner(signer, at);
    },
    job(orderId) {
      const job = jobs.get(orderId);
      if (job === undefined) return undefined;
      catchUp(now());
      return { ...snapshot(job, now()), providerJobId: job.providerJobId, orderId };
    },
    get pendingChanges() {
      return queue.size;
    },
  };
};
