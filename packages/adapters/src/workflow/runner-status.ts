import type { ContractId, Instant } from '@fagsign/domain';

/*
 * What the workflow runner tells an operator about itself (the service's health check and metrics
 * read it). Two parts of the runner fill it: the failure policy (degraded, lastSuccessfulPollAt) and
 * the processor core (lease, lag, quarantined).
 */

/** A kind of work the runner has paused because of a fault that is not any order's own. */
export interface DegradedReason {
  /** The kind of work paused, e.g. 'submit-order', 'poll', 'reminder', 'cancel-job', 'follow-up'. */
  readonly work: string;
  /** A short code without personal data, e.g. 'provider-unauthorised', 'documents-failed'. */
  readonly code: string;
  /** 'sender': the county's side (certificate, credentials, configuration); 'internal': our own code or a port that threw. */
  readonly fault: 'sender' | 'internal';
  /** When this reason was first seen; it clears when a later attempt of that work succeeds. */
  readonly since: Instant;
  /** One line for an operator, without personal data. */
  readonly message: string;
}

export interface QuarantinedContract {
  readonly contractId: ContractId;
  /** Why it was set aside, e.g. 'stored-event-unreadable' (no personal data). */
  readonly reason: string;
  readonly since: Instant;
}

export interface RunnerStatus {
  readonly degraded: readonly DegradedReason[];
  readonly lastSuccessfulPollAt: Instant | undefined;
  /** The runner's single-holder lease: held by this process or not (a standby waits). */
  readonly lease: { readonly held: boolean; readonly holder: string; readonly expiresAt: Instant | undefined };
  /** Events in the global log after the runner's checkpoint; undefined before the first catch-up. */
  readonly lag: number | undefined;
  readonly quarantined: readonly QuarantinedContract[];
}
