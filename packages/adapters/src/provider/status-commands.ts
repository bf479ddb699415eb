import type {
  CancelOrder,
  ExpireOrder,
  Instant,
  OrderState,
  PartyRole,
  RecordOrderAccepted,
  RecordOrderFailed,
  RecordSignerFailed,
  RecordSignerSigned,
  SignerFailureCause,
} from '@fagsign/domain';
import { isKnownJobStatus, isKnownSignerStatus, type KnownSignerStatus, type StatusChange } from './signing-provider.js';

export type ProviderCommand = RecordOrderAccepted | RecordSignerSigned | RecordSignerFailed | ExpireOrder | CancelOrder | RecordOrderFailed;

/**
 * Something in a status change that became no command, for a runner to log. Statuses are reduced
 * to `A-Z_` so nothing the service sends can smuggle personal data into the log.
 */
export type Unrecognised =
  | { readonly reason: 'unknown-signer-status'; readonly status: string; readonly role: PartyRole | undefined; readonly position: number }
  | { readonly reason: 'unmatched-signer'; readonly status: string; readonly position: number }
  | { readonly reason: 'signer-not-in-order'; readonly status: string; readonly role: PartyRole; readonly position: number }
  | { readonly reason: 'unknown-job-status'; readonly status: string }
  | { readonly reason: 'other-order' }
  | { readonly reason: 'other-job' };

export interface StatusChangeOutcome {
  readonly commands: readonly ProviderCommand[];
  readonly unrecognised: readonly Unrecognised[];
}

/** The signer statuses that end a job because one signer cannot sign, and what the domain calls them. */
export const failureCauses: Partial<Record<KnownSignerStatus, SignerFailureCause>> = {
  REJECTED: 'rejected',
  RESERVED: 'reserved',
  BLOCKED: 'blocked',
  CONTACT_INFORMATION_MISSING: 'contact-information-missing',
  SIGNERS_NAME_NOT_AVAILABLE: 'name-not-available',
};

const printable = (status: string): string => {
  const s = status.replace(/[^A-Z_]/g, '').slice(0, 40);
  return s.length > 0 ? s : '?';
};

/**
 * The domain commands a status change stands for, for the order it belongs to. Commands come in an
 * order that keeps facts straight: signatures first (a signature made before the job ended counts),
 * then a signer's failure, then the job's end (expired, cancelled, or failed without a cause).
 * The decider ignores what it already knows, so a change delivered twice is harmless.
 */
export const commandsForStatusChange = (change: StatusChange, order: OrderState): StatusChangeOutcome => {
  const unrecognised: Unrecognised[] = [];
  if (change.orderId !== undefined && change.orderId !== order.orderId) return { commands: [], unrecognised: [{ reason: 'other-order' }] };
  const orderId = order.orderId;
  // A second job for the same order must never sign it: only the job the order was accepted with counts.
  if (order.providerJobId !== undefined && order.providerJobId !== change.providerJobId) {
    return { commands: [], unrecognised: [{ reason: 'other-job' }] };
  }
  const signed: RecordSignerSigned[] = [];
  const failed: RecordSignerFailed[] = [];
  // The earliest EXPIRED time: when the service says the order ran out (the decider dates it no later than the deadline).
  let expiredAt: Instant | undefined;
  const expire = (since: Instant) => {
    if (expiredAt === undefined || Date.parse(since) < Date.parse(expiredAt)) expiredAt = since;
  };
  let cancelled = false;
  // The signature that completes the contract keeps where the signed document is, for the archive step.
  const signedDocument = change.jobStatus === 'COMPLETED_SUCCESSFULLY' && change.padesUrl !== undefined ? { signedDocument: change.padesUrl } : {};

  for (const report of change.signers) {
    const status = report.status;
    if (report.role === undefined) {
      // Signatures and failures need a role; the job's end does not.
      if (status === 'EXPIRED') expire(report.since);
      else if (status === 'CANCELLED') cancelled = true;
      else if (status !== 'WAITING' && status !== 'NOT_APPLICABLE') unrecognised.push({ reason: 'unmatched-signer', status: printable(status), position: report.position });
      continue;
    }
    const role = report.role;
    if (!order.signers.some((s) => s.role === role)) {
      unrecognised.push({ reason: 'signer-not-in-order', status: printable(status), role, position: report.position });
      continue;
    }
    if (!isKnownSignerStatus(status)) {
      unrecognised.push({ reason: 'unknown-signer-status', status: printable(status), role, position: report.position });
      continue;
    }
    const cause = failureCauses[status];
    if (status === 'SIGNED') signed.push({ type: 'RecordSignerSigned', orderId, role, signedAt: report.since, ...signedDocument });
    else if (cause !== undefined) {
      failed.push({ type: 'RecordSignerFailed', orderId, role, cause, source: 'provider', providerStatus: status, failedAt: report.since });
    } else if (status === 'EXPIRED') expire(report.since);
    else if (status === 'CANCELLED') cancelled = true;
    // WAITING and NOT_APPLICABLE say nothing new.
  }

  if (!isKnownJobStatus(change.jobStatus)) unrecognised.push({ reason: 'unknown-job-status', status: printable(change.jobStatus) });
  // A change proves the job exists: after a crash between creating the job and recording it, the
  // acceptance is recorded here, before the facts that need it.
  const accepted: RecordOrderAccepted[] =
    order.providerJobId === undefined ? [{ type: 'RecordOrderAccepted', orderId, providerJobId: change.providerJobId }] : [];
  const commands: ProviderCommand[] = [...accepted, ...signed, ...failed];
  if (expiredAt !== undefined) commands.push({ type: 'ExpireOrder', orderId, reportedByProvider: true, expiredAt });
  if (cancelled) commands.push({ type: 'CancelOrder', orderId, reason: 'cancelled-at-provider' });
  if (change.jobStatus === 'FAILED' && failed.length === 0 && expiredAt === undefined && !cancelled) {
    commands.push({ type: 'RecordOrderFailed', orderId, cause: 'other' });
  }
  return { commands, unrecognised };
};
