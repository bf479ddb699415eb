/**
 * A port's own, expected failure: the archive, Vigo or the SMS gateway is down or said no for now.
 * The runner retries it as the policy says (a reminder on the next run, a follow-up step at growing
 * intervals). Anything else a port throws is unexpected: a bug or a configuration fault on our side,
 * which records nothing on the contract and puts the runner into a degraded state (failure-policy.ts).
 * `code` is short and free of personal data, e.g. 'archive-unavailable'.
 */
export class PortFailure extends Error {
  override readonly name: string = 'PortFailure';
  constructor(
    readonly code: string,
    message = `Port failure: ${code}`,
  ) {
    super(message);
  }
}
