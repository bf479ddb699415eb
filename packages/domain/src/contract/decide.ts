import { left } from 'fp-ts/lib/Either.js';
import type { DateTime } from 'luxon';
import { resolvePolicy, type PolicyBook, type SigningPolicy } from '../policy/signing-policy.js';
import type { ContractCommand } from './commands.js';
import { ContractClosed, ContractNotRegistered, InvalidCommand, PersonalDataErased } from './errors.js';
import { hasErasedPersonalData } from './personal-data.js';
import type { ContractState } from './state.js';
import type { Decision, Registered } from './decision.js';
import { isClosed } from './state.js';
import { decideChangeStartDate, decideCorrection, decideManualSigning, decideRegistration, decideWithdrawal } from './decide-contract.js';
import { decideCancel, decideCreateOrder, decideExpire, decideJobCancelled, decideReminder } from './decide-order.js';
import { decideAccepted, decideOrderFailed, decideProviderError, decideSignerFailed, decideSigned } from './decide-provider.js';
import { decideResolveUncertainSubmission, decideSubmissionUncertain } from './submission.js';
import { decideArchived, decideFollowUpFailed, decideVigoUpdated } from './decide-follow-up.js';

/** Time and rules come in from outside: the decider has no clock and no configuration of its own. */
export interface DecideContext {
  readonly now: DateTime;
  /** One policy for every county, or a book of policies per county; `defaultPolicy` when left out. */
  readonly policy?: SigningPolicy | PolicyBook;
}

/**
 * Decides what a command means for a contract, given everything that happened to it. Total: every
 * refusal is a typed error in `Left`, and a fact reported twice or too late is `Right([])`.
 */
export const decide = (command: ContractCommand, state: ContractState, context: DecideContext): Decision => {
  if (!context.now?.isValid) return left(new InvalidCommand([{ path: 'context.now', rule: 'must be a valid time' }]));
  if (command.type === 'RegisterContract') return decideRegistration(command, state, context.now);
  const contract = state.contract;
  if (contract === undefined) return left(new ContractNotRegistered(command.type));
  const registered: Registered = { state, contract, now: context.now, policy: resolvePolicy(context.policy, contract.county) };

  switch (command.type) {
    case 'CorrectContactData':
      return openOnly(command.type, state, () => decideCorrection(command, registered));
    case 'ChangeStartDate':
      return openOnly(command.type, state, () => decideChangeStartDate(command, registered));
    case 'SignManually':
      return openOnly(command.type, state, () => decideManualSigning(command, registered));
    case 'WithdrawContract':
      return openOnly(command.type, state, () => decideWithdrawal(command, registered));
    case 'CreateOrder':
      // an order sends the signers' contact data to the signing service: erased data cannot go
      if (hasErasedPersonalData(contract.parties)) return left(new PersonalDataErased(command.type));
      return openOnly(command.type, state, () => decideCreateOrder(command, registered));
    case 'CancelOrder':
      return decideCancel(command, registered);
    case 'ExpireOrder':
      return decideExpire(command, registered);
    case 'RecordJobCancelled':
      return decideJobCancelled(command, registered);
    case 'RecordReminderSent':
      return decideReminder(command, registered);
    case 'RecordOrderAccepted':
      return decideAccepted(command, registered);
    case 'RecordProviderError':
      return decideProviderError(command, registered);
    case 'RecordSignerSigned':
      return decideSigned(command, registered);
    case 'RecordSignerFailed':
      return decideSignerFailed(command, registered);
    case 'RecordOrderFailed':
      return decideOrderFailed(command, registered);
    case 'RecordDocumentArchived':
      return decideArchived(command, registered);
    case 'RecordVigoUpdated':
      return decideVigoUpdated(registered);
    case 'RecordFollowUpFailed':
      return decideFollowUpFailed(command, registered);
    case 'RecordSubmissionUncertain':
      return decideSubmissionUncertain(command, registered);
    case 'ResolveUncertainSubmission':
      return decideResolveUncertainSubmission(command, registered);
    default:
      return left(new InvalidCommand([{ path: 'type', rule: 'is not a known command' }]));
  }
};

const openOnly = (type: string, state: ContractState, run: () => Decision): Decision =>
  isClosed(state) ? left(new ContractClosed(state.status, type)) : run();
