import { instantFromMillis, osloZone, type Instant, type OrderId, type PartyRole } from '@fagsign/domain';
import { DateTime } from 'luxon';
import { failureCauses } from '../status-commands.js';
import type { JobStatus, KnownSignerStatus } from '../signing-provider.js';
import { drawReminderResponseHours, type SignerBehaviour } from './behaviour.js';
import type { Random } from './prng.js';

/*
 * One job at the simulated service, moved forward in time by `advanceJob`. The rules follow the
 * portal flow: groups sign in order, the first failure ends the job and leaves the others
 * NOT_APPLICABLE, and at the deadline everyone who has not signed is EXPIRED. Each change is a
 * snapshot, as the service's status changes are.
 */

export interface SimulatedSigner {
  readonly role: PartyRole;
  readonly group: number;
  readonly behaviour: SignerBehaviour;
  readonly random: Random;
  status: string;
  since: Instant;
  activatedAt: number | undefined;
  /** When a reminder makes this signer act, if one did. */
  respondsAt: number | undefined;
}

export interface SimulatedJob {
  readonly providerJobId: string;
  readonly orderId: OrderId;
  readonly createdAt: number;
  readonly deadline: number;
  status: JobStatus;
  readonly signers: SimulatedSigner[];
}

export interface JobSnapshot {
  readonly at: Instant;
  readonly jobStatus: JobStatus;
  readonly signers: readonly { readonly role: PartyRole; readonly status: string; readonly since: Instant }[];
}

const hourMs = 3_600_000;

/** People sign between 07:00 and 23:00 in Oslo; a time in the night moves to the next morning. */
export const duringDaytime = (ms: number): number => {
  const t = DateTime.fromMillis(ms, { zone: osloZone });
  if (t.hour >= 7 && t.hour < 23) return ms;
  const morning = (t.hour >= 23 ? t.plus({ days: 1 }) : t).set({ hour: 7, minute: t.minute, second: t.second });
  return morning.toMillis();
};

const plannedAt = (signer: SimulatedSigner): number | undefined => {
  if (signer.status !== 'WAITING' || signer.activatedAt === undefined) return undefined;
  const b = signer.behaviour;
  const from = signer.activatedAt;
  switch (b.kind) {
    case 'signs': {
      const own = duringDaytime(from + b.afterHours * hourMs);
      return signer.respondsAt === undefined ? own : Math.min(own, signer.respondsAt);
    }
    case 'signs-after-reminder':
      return signer.respondsAt;
    case 'rejects':
      return duringDaytime(from + b.afterHours * hourMs);
    case 'status':
      return from + b.afterHours * hourMs;
    case 'never-signs':
      return undefined;
  }
};

const outcomeOf = (b: SignerBehaviour): string => (b.kind === 'rejects' ? 'REJECTED' : b.kind === 'status' ? b.status : 'SIGNED');

export const snapshot = (job: SimulatedJob, at: number): JobSnapshot => ({
  at: instantFromMillis(at),
  jobStatus: job.status,
  signers: job.signers.map((s) => ({ role: s.role, status: s.status, since: s.since })),
});

const setStatus = (signer: SimulatedSigner, status: string, at: number) => {
  signer.status = status;
  signer.since = instantFromMillis(at);
};

/** Opens the lowest group that has not signed yet; the document reaches its signers now. */
const activateNextGroup = (job: SimulatedJob, at: number) => {
  const open = job.signers.filter((s) => s.status !== 'SIGNED');
  if (open.length === 0) return;
  const next = Math.min(...open.map((s) => s.group));
  for (const s of open) if (s.group === next && s.activatedAt === undefined) s.activatedAt = at;
};

export const startJob = (job: SimulatedJob): void => activateNextGroup(job, job.createdAt);

const apply = (job: SimulatedJob, signer: SimulatedSigner, at: number) => {
  const status = outcomeOf(signer.behaviour);
  setStatus(signer, status, at);
  if (status === 'SIGNED') {
    if (job.signers.every((s) => s.status === 'SIGNED')) job.status = 'COMPLETED_SUCCESSFULLY';
    else if (job.signers.filter((s) => s.group === signer.group).every((s) => s.status === 'SIGNED')) activateNextGroup(job, at);
  } else if (failureCauses[status as KnownSignerStatus] !== undefined) {
    job.status = 'FAILED';
    for (const s of job.signers) if (s.status === 'WAITING') setStatus(s, 'NOT_APPLICABLE', at);
  }
  // An unknown status neither signs nor ends the job: the signer is stuck until the deadline.
};

/** Everything that happens to the job up to `until`, in time order, as snapshots. */
export const advanceJob = (job: SimulatedJob, until: number): JobSnapshot[] => {
  const changes: JobSnapshot[] = [];
  while (job.status === 'IN_PROGRESS') {
    let next: { signer: SimulatedSigner; at: number } | undefined;
    for (const signer of job.signers) {
      const at = plannedAt(signer);
      if (at !== undefined && at < job.deadline && (next === undefined || at < next.at)) next = { signer, at };
    }
    if (next !== undefined && next.at <= until) {
      apply(job, next.signer, next.at);
      changes.push(snapshot(job, next.at));
    } else if (job.deadline <= until) {
      job.status = 'FAILED';
      for (const s of job.signers) if (s.status !== 'SIGNED') setStatus(s, 'EXPIRED', job.deadline);
      changes.push(snapshot(job, job.deadline));
    } else break;
  }
  return changes;
};

/** A reminder reaches a signer who has the document; whether it helps depends on the signer. */
export const remindSigner = (signer: SimulatedSigner, at: number): void => {
  if (signer.status !== 'WAITING' || signer.activatedAt === undefined || signer.activatedAt > at) return;
  const b = signer.behaviour;
  const hours = b.kind === 'signs-after-reminder' ? b.afterHours : b.kind === 'signs' ? drawReminderResponseHours(signer.random) : undefined;
  if (hours === undefined) return; // a wrong number or an unread mailbox gets our reminder no more than the service's
  const respondsAt = duringDaytime(at + hours * hourMs);
  signer.respondsAt = signer.respondsAt === undefined ? respondsAt : Math.min(signer.respondsAt, respondsAt);
};

/** Cancelling ends the job with everyone who has not signed CANCELLED; false when it had already ended. */
export const cancelJob = (job: SimulatedJob, at: number): JobSnapshot | undefined => {
  if (job.status !== 'IN_PROGRESS') return undefined;
  job.status = 'FAILED';
  for (const s of job.signers) if (s.status !== 'SIGNED') setStatus(s, 'CANCELLED', at);
  return snapshot(job, at);
};
