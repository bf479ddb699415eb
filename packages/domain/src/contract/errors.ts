import type { Violation } from '../model/codec-kit.js';
import type { ContractStatus } from './state.js';
import type { PreflightProblem } from '../policy/preflight.js';

/**
 * Every refusal of the decider is one of these. They are values (returned in an Either) and also
 * `Error`s, so the Promise API can throw them. Messages name fields, rules, ids and states only:
 * never a fødselsnummer, mobile number or e-mail address.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  override get name(): string {
    return this.constructor.name;
  }
}

export class InvalidCommand extends DomainError {
  readonly code = 'invalid-command';
  constructor(readonly violations: readonly Violation[]) {
    super(`Invalid command: ${violations.map((v) => `${v.path} ${v.rule}`).join('; ')}`);
  }
}

export class ContractNotRegistered extends DomainError {
  readonly code = 'contract-not-registered';
  constructor(readonly commandType: string) {
    super(`${commandType} needs a registered contract; register it first`);
  }
}

export class ContractAlreadyRegistered extends DomainError {
  readonly code = 'contract-already-registered';
  constructor() {
    super('The contract is already registered; correct its data instead');
  }
}

export class ContractClosed extends DomainError {
  readonly code = 'contract-closed';
  constructor(
    readonly status: ContractStatus,
    readonly commandType: string,
  ) {
    super(`${commandType} refused: the contract is ${status}`);
  }
}

export class OrderAlreadyActive extends DomainError {
  readonly code = 'order-already-active';
  constructor(readonly orderId: string) {
    super(`Order ${orderId} is still active; cancel it before a new order is created`);
  }
}

export class UnknownOrder extends DomainError {
  readonly code = 'unknown-order';
  constructor(readonly orderId: string) {
    super(`Order ${orderId} does not belong to this contract`);
  }
}

export class UnknownSigner extends DomainError {
  readonly code = 'unknown-signer';
  constructor(
    readonly orderId: string,
    readonly role: string,
  ) {
    super(`Order ${orderId} has no signer with role ${role}`);
  }
}

export class DeadlineNotReached extends DomainError {
  readonly code = 'deadline-not-reached';
  constructor(
    readonly orderId: string,
    readonly deadline: string,
  ) {
    super(`Order ${orderId} cannot expire before its deadline ${deadline}`);
  }
}

export class DeadlinePassed extends DomainError {
  readonly code = 'deadline-passed';
  constructor(
    readonly orderId: string,
    readonly deadline: string,
  ) {
    super(`Order ${orderId} passed its deadline ${deadline}`);
  }
}

export class QuietHours extends DomainError {
  readonly code = 'quiet-hours';
  constructor(readonly until: string) {
    super(`No messages to signers in the quiet hours; wait until ${until}`);
  }
}

export class PreflightBlocked extends DomainError {
  readonly code = 'preflight-blocked';
  constructor(
    /** Every problem the check found, warnings too, for a page that shows them all. */
    readonly problems: readonly PreflightProblem[],
    /** What blocks: blocking problems no override covers. Only these are in the message. */
    readonly blocking: readonly PreflightProblem[] = problems.filter((p) => p.severity === 'blocking'),
  ) {
    super(`The pre-flight check blocks the order: ${blocking.map((p) => (p.role ? `${p.code} (${p.role})` : p.code)).join(', ')}`);
  }
}

export class FollowUpNotExpected extends DomainError {
  readonly code = 'follow-up-not-expected';
  constructor(readonly step: string) {
    super(`The ${step} step only follows an electronic signature`);
  }
}

export type ContractError =
  | InvalidCommand
  | ContractNotRegistered
  | ContractAlreadyRegistered
  | ContractClosed
  | OrderAlreadyActive
  | UnknownOrder
  | UnknownSigner
  | DeadlineNotReached
  | DeadlinePassed
  | QuietHours
  | PreflightBlocked
  | FollowUpNotExpected
  | PersonalDataErased;

/**
 * The contract's personal data was erased (its key deleted), so a command that must send or
 * check it (a new order) cannot run. The contract's facts and statistics stay; register the
 * contact data anew with a correction only if the county may hold it again.
 */
export class PersonalDataErased extends DomainError {
  readonly code = 'personal-data-erased';
  constructor(readonly commandType: string) {
    super(`${commandType} needs the contract's personal data, which was erased`);
  }
}
