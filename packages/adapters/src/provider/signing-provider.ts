import type { Instant, OrderId, PartyRole } from '@fagsign/domain';
import type { SigningJobRequest } from './signing-job.js';

/*
 * The port between the workflow runner and a signing service (Posten signering, or the simulated
 * service). The runner's loop, which this shape is made for:
 *
 *   createJob(signingJobFor(...))  → record OrderAccepted (asking again after a crash returns the same job)
 *   fetchStatusChanges()           → for each change: commandsForStatusChange → append → confirm(change)
 *   cancelJob(ref)                 → JobAlreadyFinished when the job had ended at the service
 *   fetchSignedDocument(ref)       → the signed PDF for the archive, once the job completed
 *
 * A change that is not confirmed comes back, so a crash between append and confirm costs a
 * duplicate fact, which the decider already ignores, never a lost one.
 */

export const jobStatuses = ['IN_PROGRESS', 'COMPLETED_SUCCESSFULLY', 'FAILED'] as const;
export type JobStatus = (typeof jobStatuses)[number];

export const signerStatuses = [
  'WAITING',
  'SIGNED',
  'REJECTED',
  'CANCELLED',
  'RESERVED',
  'CONTACT_INFORMATION_MISSING',
  'EXPIRED',
  'BLOCKED',
  'SIGNERS_NAME_NOT_AVAILABLE',
  'NOT_APPLICABLE',
] as const;
export type KnownSignerStatus = (typeof signerStatuses)[number];

export const isKnownSignerStatus = (status: string): status is KnownSignerStatus =>
  (signerStatuses as readonly string[]).includes(status);
export const isKnownJobStatus = (status: string): status is JobStatus => (jobStatuses as readonly string[]).includes(status);

/** The job an order became at the service. */
export interface JobRef {
  readonly orderId: OrderId;
  readonly providerJobId: string;
}

/** Where a completed job's signed document is: the job, and the PAdES link its completing status change carried. */
export interface SignedDocumentRef {
  readonly providerJobId: string;
  /** `StatusChange.padesUrl` of the change that completed the job, kept by the domain as `ContractState.signedDocument`. */
  readonly url: string;
}

export interface CreatedJob extends JobRef {
  /** False when the order already had a job and this is it: nothing new was sent. */
  readonly created: boolean;
}

/**
 * One signer's status as the service reports it. The service names signers by personal data; the
 * provider resolves that to the role it sent, so nothing personal travels further.
 */
export interface SignerReport {
  /** Undefined when the provider could not tell which of the order's signers this is. */
  readonly role: PartyRole | undefined;
  /** The signer's place in the service's list, to tell unmatched signers apart in a log. */
  readonly position: number;
  /** Open-ended: the service may add statuses; see `signerStatuses` for the known ones. */
  readonly status: string;
  readonly since: Instant;
  readonly xadesUrl?: string;
}

/** Opaque to the runner: what the provider needs to confirm one delivered change. */
export interface ConfirmationHandle {
  readonly provider: string;
  readonly token: string;
}

/** A snapshot of one job after something changed, as delivered from the service's queue. */
export interface StatusChange {
  /** Undefined when the provider cannot tell which order the job belongs to (not one of ours). */
  readonly orderId: OrderId | undefined;
  readonly providerJobId: string;
  /** Open-ended like the signer status; see `jobStatuses`. */
  readonly jobStatus: string;
  readonly signers: readonly SignerReport[];
  /** Where the signed document (PAdES) can be fetched once everyone signed. */
  readonly padesUrl?: string;
  readonly confirmation: ConfirmationHandle;
}

/** What one poll brings: the changes, and when the service permits the next poll. */
export interface StatusChangeBatch {
  readonly changes: readonly StatusChange[];
  /** Do not poll before this time (Posten's `X-Next-permitted-poll-time`); undefined when the service gave none. */
  readonly nextPollAt: Instant | undefined;
}

/**
 * Every method throws a `ProviderError` subclass on failure: `transient` ones (5xx, time-outs,
 * 429 with `nextPermittedPollTime`) are worth trying again later; the others are not.
 */
export interface SigningProvider {
  /** A name for logs and confirmation handles ("simulated", "posten-signering"). */
  readonly name: string;
  /** Idempotent on `job.orderId`: a second call returns the first call's job, `created: false`. */
  createJob(job: SigningJobRequest): Promise<CreatedJob>;
  /** Throws `JobAlreadyFinished` when the job had already ended (signed, expired, failed, cancelled). */
  cancelJob(job: JobRef): Promise<void>;
  /**
   * The changes waiting in the queue, oldest first; none when the queue is empty. Throws
   * `TooManyRequests` when polled before the permitted time.
   */
  fetchStatusChanges(): Promise<StatusChangeBatch>;
  /** Call after the change's facts are recorded; an unconfirmed change is delivered again. */
  confirm(change: StatusChange): Promise<void>;
  /**
   * The signed document (PAdES: the PDF with every signature) of a completed job, fetched from
   * `job.url`, the `padesUrl` of the status change that completed it (the domain keeps it as
   * `ContractState.signedDocument`). Errors like the other calls: `ProviderUnavailable` (5xx) and
   * `ProviderTimeout` are transient; `UnknownJob` (404, or a link that is not this job's),
   * `ProviderUnauthorised`, `RequestRejected` (other 4xx) and a link the provider will not follow
   * (`foreign-link`) are not.
   */
  fetchSignedDocument(job: SignedDocumentRef): Promise<Uint8Array>;
}
