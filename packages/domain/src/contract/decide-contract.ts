import { left, right } from 'fp-ts/lib/Either.js';
import type { DateTime } from 'luxon';
import type { Violation } from '../model/codec-kit.js';
import type { ContactChanges, ContactField, Party } from '../model/party.js';
import type { NotificationChannel } from '../model/party-role.js';
import { instantOf } from '../model/time.js';
import { apprenticeRoleFor } from '../policy/signers.js';
import type { ChangeStartDate, CorrectContactData, RegisterContract, SignManually, WithdrawContract } from './commands.js';
import { ContractAlreadyRegistered, InvalidCommand } from './errors.js';
import { event, type ContractEvent } from './events.js';
import type { SignerFailureCause } from './causes.js';
import type { ContractState, OrderState } from './state.js';
import { activeOrder, currentOrder } from './state.js';
import { nothing, nowOf, type Decision, type Registered } from './decision.js';

export const decideRegistration = (command: RegisterContract, state: ContractState, now: DateTime): Decision => {
  if (state.status !== 'unregistered') return left(new ContractAlreadyRegistered());
  const problems = partyViolations(command);
  if (problems.length > 0) return left(new InvalidCommand(problems));
  const { type: _type, ...data } = command;
  return right([event('ContractRegistered', { ...data, at: instantOf(now) })]);
};

const partyViolations = (command: RegisterContract): Violation[] => {
  const out: Violation[] = [];
  const seen = new Set<string>();
  const apprenticeRole = apprenticeRoleFor(command.contractType);
  command.parties.forEach((party, i) => {
    if (seen.has(party.role)) out.push({ path: `parties[${i}].role`, rule: 'must not repeat the role of another party' });
    seen.add(party.role);
    if ((party.role === 'laerling' || party.role === 'kandidat') && party.role !== apprenticeRole) {
      out.push({ path: `parties[${i}].role`, rule: `must be ${apprenticeRole}: a ${command.contractType} is signed by a ${apprenticeRole}` });
    }
  });
  return out;
};

const contactFields: readonly ContactField[] = ['name', 'personalId', 'mobile', 'email'];

/** Only the fields that really change; a correction that changes nothing records nothing. */
const effectiveChanges = (existing: Party | undefined, changes: ContactChanges): ContactChanges => {
  const out: Record<string, unknown> = {};
  for (const field of contactFields) {
    const next = changes[field];
    if (next === undefined) continue;
    const before = existing?.[field];
    const same = typeof next === 'string' ? before === next : next.equals(before as never);
    if (!same) out[field] = next;
  }
  return out as ContactChanges;
};

/**
 * What a correction tells about the order that carried the old data: a new mobile number for a
 * signer reached by SMS who never signed means the old one was wrong; a new e-mail for a signer
 * reached by e-mail, where there was none or a shared mailbox, names that cause. Other corrections
 * diagnose nothing.
 */
const inferredCause = (existing: Party | undefined, changes: ContactChanges, channel: NotificationChannel): SignerFailureCause | undefined => {
  if (channel === 'sms' && changes.mobile !== undefined && existing?.mobile !== undefined) return 'wrong-mobile';
  if (channel === 'email' && changes.email !== undefined) {
    if (existing?.email === undefined) return 'missing-email';
    if (existing.email.kind === 'shared') return 'shared-mailbox';
  }
  return undefined;
};

/** A correction that the sent job carries: the signer's own channel, or the identity they sign with. */
const changesTheJob = (changes: ContactChanges, channel: NotificationChannel): boolean =>
  changes.personalId !== undefined || (channel === 'sms' ? changes.mobile !== undefined : changes.email !== undefined);

export const decideCorrection = (command: CorrectContactData, r: Registered): Decision => {
  const { role } = command;
  const existing = r.contract.parties[role];
  if (Object.keys(command.changes).length === 0) {
    return left(new InvalidCommand([{ path: 'changes', rule: 'must change at least one of name, personalId, mobile, email' }]));
  }
  if (existing === undefined && command.changes.name === undefined) {
    return left(new InvalidCommand([{ path: 'changes.name', rule: `is required to add a ${role} who is not registered yet` }]));
  }
  const changes = effectiveChanges(existing, command.changes);
  if (Object.keys(changes).length === 0) return nothing();
  const at = nowOf(r);
  const events: ContractEvent[] = [event('ContactDataCorrected', { contractId: r.contract.contractId, at, role, changes })];

  // The order that carried the old data: the active one, or the last one if it ended undiagnosed.
  const order = activeOrder(r.state) ?? undiagnosedEndedOrder(r.state);
  const signer = order?.signers.find((s) => s.role === role && s.status !== 'signed');
  if (order !== undefined && signer !== undefined) {
    const cause = signer.failureCause === undefined ? inferredCause(existing, changes, signer.channel) : undefined;
    if (cause !== undefined) {
      events.push(event('SignerFailed', { contractId: r.contract.contractId, at, orderId: order.orderId, role, cause, source: 'staff' }));
    }
    // A sent job cannot be edited: the order with the old data must go, and a new one be issued.
    if (order === activeOrder(r.state) && changesTheJob(changes, signer.channel)) {
      events.push(event('OrderCancelled', { contractId: r.contract.contractId, at, orderId: order.orderId, reason: 'contact-correction' }));
    }
  }
  return right(events);
};

const undiagnosedEndedOrder = (state: ContractState): OrderState | undefined => {
  const order = currentOrder(state);
  return order !== undefined && state.status === 'order-ended' && order.diagnosis === undefined ? order : undefined;
};

export const decideChangeStartDate = (command: ChangeStartDate, r: Registered): Decision => {
  const previous = r.contract.startDate;
  if (previous === command.startDate) return nothing();
  const at = nowOf(r);
  const contractId = r.contract.contractId;
  const events: ContractEvent[] = [
    event('StartDateChanged', { contractId, at, startDate: command.startDate, ...(previous === undefined ? {} : { previousStartDate: previous }) }),
  ];
  // The start date is in the signed document, so an order out for signing carries the wrong one.
  const order = activeOrder(r.state);
  if (order !== undefined) events.push(event('OrderCancelled', { contractId, at, orderId: order.orderId, reason: 'start-date-changed' }));
  return right(events);
};

export const decideManualSigning = (command: SignManually, r: Registered): Decision => {
  const at = nowOf(r);
  const contractId = r.contract.contractId;
  const order = activeOrder(r.state);
  const events: ContractEvent[] = [];
  if (order !== undefined) events.push(event('OrderCancelled', { contractId, at, orderId: order.orderId, reason: 'switched-to-manual' }));
  events.push(event('ContractSignedManually', { contractId, at, reason: command.reason }));
  return right(events);
};

export const decideWithdrawal = (command: WithdrawContract, r: Registered): Decision => {
  const at = nowOf(r);
  const contractId = r.contract.contractId;
  const order = activeOrder(r.state);
  const events: ContractEvent[] = [];
  if (order !== undefined) events.push(event('OrderCancelled', { contractId, at, orderId: order.orderId, reason: 'withdrawn' }));
  events.push(event('ContractWithdrawn', { contractId, at, reason: command.reason }));
  return right(events);
};
