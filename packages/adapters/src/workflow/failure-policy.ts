import type { Instant } from '@fagsign/domain';
import { InvalidSigningJob, type SigningJobProblem } from '../provider/errors/invalid-signing-job.js';
import { JobCreationUncertain } from '../provider/errors/job-creation-uncertain.js';
import { ProviderError } from '../provider/errors/provider-error.js';
import { ProviderTimeout } from '../provider/errors/provider-timeout.js';
import { ProviderUnauthorised } from '../provider/errors/provider-unauthorised.js';
import { EnterpriseCertificateError } from '../provider/errors/enterprise-certificate-error.js';
import { PortFailure } from './port-failure.js';
import { LeaseLost } from '../processing/lease-lost.js';

/*
 * The failure policy: every fault the workflow runner meets is classified here, and only here.
 *
 * - `order`: the fault is this order's own (a job the service refused for its content, a signer
 *   who cannot be reached). It becomes a fact on that order, which may end it.
 * - `transient`: the service or a port is down for now (5xx, 429, time-out, connection refused,
 *   a port's `PortFailure`). Retried as the signing policy says.
 * - `uncertain`: an upload that may have reached the service but whose answer was lost. The order
 *   waits (a fact, `SubmissionUncertain`) until the status queue or a person tells what happened;
 *   it never fails for it.
 * - `sender` / `internal`: the county's side (an expired or refused certificate, a link the
 *   configuration does not allow) or our own (a bug, a port that threw something unexpected).
 *   Nothing is recorded on any order; the kind of work is marked degraded with the reason until a
 *   later attempt of it succeeds, and a sender fault pauses that kind of work for the rest of the
 *   run (the same credentials fail for every order).
 *
 * The statistics count `order` and `transient` facts; a sender or internal fault never reaches an
 * order, so it is never counted against the signing service.
 */

/** The kinds of work the runner does, each paused and reported on its own. */
export type WorkKind = 'submit-order' | 'poll' | 'reminder' | 'cancel-job' | 'expire-order' | 'follow-up:archive' | 'follow-up:vigo' | 'run';

/** Who was called when the fault happened. */
export type FaultSource = 'provider' | 'documents' | 'notifier' | 'archive' | 'vigo' | 'store';

/** How the failure policy classified a fault: the order's own (`order`, the only kind that may end it), `transient`, an `uncertain` upload, or the county's (`sender`) or our own (`internal`). */
export type Fault =
  | { readonly outcome: 'order'; readonly code: string }
  | { readonly outcome: 'transient'; readonly code: string; readonly retryAfter: Instant | undefined }
  | { readonly outcome: 'uncertain'; readonly code: string }
  | { readonly outcome: 'sender' | 'internal'; readonly code: string; readonly message: string };

/**
 * Whose fault each problem of our own pre-send check (`InvalidSigningJob`) is, by where it comes
 * from. Only a signer the contract's own data cannot reach is the order's (the pre-flight check
 * should have caught it; it becomes that signer's failure, as the service's own
 * CONTACT_INFORMATION_MISSING would). The county's configuration and ports are the sender's: a
 * policy whose deadline is beyond the service's 90 days, an activation time after the deadline, an
 * empty PDF from the county's `documents()`. Everything else is a job we built wrongly (titles, the
 * document's name, the signer list the decider made): ours. A deadline already passed when the job
 * is built means the order was not sent in time, never the order's fault.
 */
const jobProblemOwner = (problem: SigningJobProblem): 'order' | 'sender' | 'internal' => {
  if (problem.startsWith('signer-unreachable:')) return 'order';
  if (problem === 'availability-too-long' || problem === 'activation-after-deadline' || problem === 'empty-document') return 'sender';
  return 'internal';
};

const invalidJobFault = (error: InvalidSigningJob): Fault => {
  const owners = new Set(error.problems.map(jobProblemOwner));
  if (owners.size === 1 && owners.has('order')) return { outcome: 'order', code: error.code };
  // A job with any problem of ours is refused for that: the order's own data is not what stopped it.
  const ourProblems = error.problems.filter((p) => jobProblemOwner(p) !== 'order');
  return owners.has('internal')
    ? ours('internal', error.code, `We built a signing job the service would refuse (${ourProblems.join(', ')}); no order is blamed`)
    : ours('sender', error.code, `The county's configuration or document makes a job the service would refuse (${ourProblems.join(', ')}); fix it`);
};

/** Codes of the signing-service adapter that mean our configuration sent it somewhere it must not go. */
const configurationCodes: ReadonlySet<string> = new Set(['foreign-link', 'foreign-confirmation']);

const safeCode = (error: unknown, fallback: string): string => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[a-z0-9-]{1,40}$/.test(code) ? code : fallback;
};

/** A fault of the sender or our own side: recorded on no order, it degrades the runner. */
export type OurFault = Extract<Fault, { outcome: 'sender' | 'internal' }>;

const ours = (outcome: 'sender' | 'internal', code: string, message: string): OurFault => ({ outcome, code, message });

/**
 * An order whose deadline came before it was ever sent: a fault of the sender or our own kept it
 * from the service (a refused certificate for days, a documents() that threw), so its deadline is
 * not the order's to pay for. It is not expired and nothing is recorded on it; the runner stays
 * degraded with this reason until a person decides (a new order, or paper).
 */
export const orderNotSentFault: OurFault = {
  outcome: 'internal',
  code: 'order-not-sent',
  message: 'An order reached its deadline without ever being sent (a fault of the county\'s side or ours kept it back); it is not expired: a person decides (a new order, or paper)',
};

/** A whole run that failed: the event store, or a bug outside any one piece of work. */
export const runFault = (error: unknown): OurFault =>
  ours('internal', safeCode(error, 'run-failed'), 'A run of the workflow runner failed (the event store, or a bug); it starts again on the next interval');

/** Classifies one fault of one kind of work. Messages name codes and kinds, never personal data. */
export const classifyFault = (error: unknown, work: WorkKind, source: FaultSource): Fault => {
  // Not a fault of any work: this process must stop before its next outside call (the run ends).
  if (error instanceof LeaseLost) throw error;
  if (source === 'documents') return ours('internal', 'documents-failed', 'The contract document (documents()) could not be made; no order is blamed');
  if (source === 'store') return runFault(error);
  if (source !== 'provider') {
    if (error instanceof PortFailure) return { outcome: 'transient', code: safeCode(error, `${source}-failed`), retryAfter: undefined };
    return ours('internal', `${source}-failed`, `The ${source} port threw an unexpected error; nothing is recorded until it works again`);
  }
  if (!(error instanceof ProviderError)) return ours('internal', 'provider-bug', 'The signing-service adapter threw an unexpected error');
  if (error instanceof ProviderUnauthorised) {
    return ours('sender', 'provider-unauthorised', `The signing service refused the county's certificate or access (${error.httpStatus}); renew or fix it`);
  }
  if (error instanceof EnterpriseCertificateError) {
    return ours('sender', error.code, `The county's enterprise certificate cannot be used (${error.problem}); renew it or fix the configuration`);
  }
  if (configurationCodes.has(error.code)) return ours('sender', error.code, 'The signing service gave a link the configuration does not allow');
  if (work === 'submit-order') {
    if (error instanceof JobCreationUncertain || (error instanceof ProviderTimeout && error.requestSent)) return { outcome: 'uncertain', code: error.code };
    if (error.transient) return { outcome: 'transient', code: error.code, retryAfter: error.retryAfter };
    if (error instanceof InvalidSigningJob) return invalidJobFault(error);
    // A 4xx to an upload is about this job's content.
    if (error.httpStatus !== undefined && error.httpStatus < 500) return { outcome: 'order', code: error.code };
    return ours('internal', error.code, 'The signing-service adapter refused the upload for a reason that is not the order\'s');
  }
  if (error.transient) return { outcome: 'transient', code: error.code, retryAfter: error.retryAfter };
  // Fetching a signed document: a document the service no longer has, or one that is not a PDF, is
  // that contract's follow-up failing (retried, then a person's task).
  if (work === 'follow-up:archive') return { outcome: 'order', code: error.code };
  // Polling, confirming, cancelling: a 4xx here is a request we made wrong, not any order's fault.
  return ours('internal', error.code, `The signing service refused a ${work} request (${error.code})`);
};
