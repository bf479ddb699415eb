import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { ContractCommand } from '../contract/commands.js';
import { signerFailureCauses, type SignerFailureCause } from '../contract/causes.js';
import { decide } from '../contract/decide.js';
import type { ContractEvent } from '../contract/events.js';
import { evolve } from '../contract/evolve.js';
import { uploadOf } from '../contract/submission.js';
import { currentOrder, initialState, type ContractState } from '../contract/state.js';
import type { ContractId } from '../model/contract-id.js';
import { instantOf, osloZone } from '../model/time.js';
import type { PolicyBook, SigningPolicy } from '../policy/signing-policy.js';
import { preflightCodes } from '../policy/preflight-codes.js';
import { contractCommandArb, mobileArb, personalEmailArb, registerContractArb, startDateArb, type RegistrationOptions } from './arbitraries.js';

/**
 * What a step of a generated history means to do. Intents are resolved against the contract's
 * state as the history is folded ("the second signer of the current order signs"), so histories
 * reach signatures, expiries and new orders as often as real ones do; `stale` steps throw in any
 * command at all, to exercise refusals, duplicates and late facts.
 */
type Intent =
  | { kind: 'create-order'; overrideAll: boolean }
  | { kind: 'accept' }
  | { kind: 'provider-error'; transient: boolean }
  | { kind: 'sign'; signer: number }
  | { kind: 'signer-fails'; signer: number; cause: SignerFailureCause; byStaff: boolean }
  | { kind: 'remind'; signer: number }
  | { kind: 'expire' }
  | { kind: 'cancel' }
  | { kind: 'cancel-job' }
  | { kind: 'correct-mobile'; command: ContractCommand }
  | { kind: 'correct-email'; command: ContractCommand }
  | { kind: 'change-start-date'; command: ContractCommand }
  | { kind: 'manual' }
  | { kind: 'withdraw' }
  | { kind: 'follow-up'; ok: boolean; step: 'archive' | 'vigo' }
  | { kind: 'repeat-last' }
  | { kind: 'upload-uncertain' }
  | { kind: 'resolve-upload'; found: boolean }
  | { kind: 'stale'; command: ContractCommand };

export interface GeneratedHistory {
  readonly contractId: ContractId;
  /** Every event the accepted commands produced, in order. */
  readonly events: readonly ContractEvent[];
  /** Every command tried, with its time and whether it was accepted. */
  readonly steps: readonly { readonly at: DateTime; readonly command: ContractCommand; readonly accepted: boolean }[];
  readonly state: ContractState;
}

export interface HistoryOptions extends RegistrationOptions {
  readonly start?: DateTime;
  readonly maxSteps?: number;
  readonly policy?: SigningPolicy | PolicyBook;
}

const intentArb = (contractId: ContractId, start: DateTime): fc.Arbitrary<Intent> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('create-order' as const), overrideAll: fc.boolean() }) },
    { weight: 6, arbitrary: fc.constant({ kind: 'accept' as const }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('provider-error' as const), transient: fc.boolean() }) },
    { weight: 16, arbitrary: fc.record({ kind: fc.constant('sign' as const), signer: fc.nat(5) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('signer-fails' as const), signer: fc.nat(5), cause: fc.constantFrom(...signerFailureCauses), byStaff: fc.boolean() }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('remind' as const), signer: fc.nat(5) }) },
    { weight: 2, arbitrary: fc.constant({ kind: 'expire' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'cancel' as const }) },
    { weight: 2, arbitrary: fc.constant({ kind: 'cancel-job' as const }) },
    { weight: 2, arbitrary: mobileArb.map((mobile) => ({ kind: 'correct-mobile' as const, command: { type: 'CorrectContactData' as const, role: 'laerling' as const, changes: { mobile } } })) },
    { weight: 2, arbitrary: fc.tuple(personalEmailArb, fc.constantFrom('faglig-leder' as const, 'daglig-leder' as const)).map(([email, role]) => ({ kind: 'correct-email' as const, command: { type: 'CorrectContactData' as const, role, changes: { email } } })) },
    { weight: 1, arbitrary: startDateArb(start).map((startDate) => ({ kind: 'change-start-date' as const, command: { type: 'ChangeStartDate' as const, startDate } })) },
    { weight: 1, arbitrary: fc.constant({ kind: 'manual' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'withdraw' as const }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('follow-up' as const), ok: fc.boolean(), step: fc.constantFrom('archive' as const, 'vigo' as const) }) },
    { weight: 2, arbitrary: fc.constant({ kind: 'repeat-last' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'upload-uncertain' as const }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('resolve-upload' as const), found: fc.boolean() }) },
    { weight: 2, arbitrary: contractCommandArb(contractId, start).map((command) => ({ kind: 'stale' as const, command })) },
  );

const everyOverride = preflightCodes.map((code) => ({ code, reason: 'Generert historikk', by: 'test' }));

const resolve = (intent: Intent, state: ContractState, now: DateTime, last: ContractCommand | undefined): ContractCommand | undefined => {
  const order = currentOrder(state);
  // An intent about an order, before there is one, asks for the first order instead.
  if (order === undefined && ['accept', 'provider-error', 'sign', 'signer-fails', 'remind', 'expire', 'cancel'].includes(intent.kind)) {
    return { type: 'CreateOrder' };
  }
  const signer = (i: number) => (order === undefined || order.signers.length === 0 ? undefined : order.signers[i % order.signers.length]!);
  switch (intent.kind) {
    case 'create-order':
      return intent.overrideAll ? { type: 'CreateOrder', overrides: everyOverride } : { type: 'CreateOrder' };
    case 'accept':
      return order && { type: 'RecordOrderAccepted', orderId: order.orderId, providerJobId: `job-${order.orderId}` };
    case 'provider-error':
      return order && { type: 'RecordProviderError', orderId: order.orderId, code: intent.transient ? 'http-503' : 'http-400', transient: intent.transient };
    case 'sign': {
      const s = signer(intent.signer);
      return order && s && { type: 'RecordSignerSigned', orderId: order.orderId, role: s.role, signedAt: instantOf(now) };
    }
    case 'signer-fails': {
      const s = signer(intent.signer);
      return order && s && { type: 'RecordSignerFailed', orderId: order.orderId, role: s.role, cause: intent.cause, source: intent.byStaff ? 'staff' : 'provider' };
    }
    case 'remind': {
      const s = signer(intent.signer);
      return order && s && { type: 'RecordReminderSent', orderId: order.orderId, role: s.role };
    }
    case 'expire':
      return order && { type: 'ExpireOrder', orderId: order.orderId, reportedByProvider: now.toMillis() < Date.parse(order.deadline) };
    case 'cancel':
      return order && { type: 'CancelOrder', orderId: order.orderId, reason: 'staff-decision' };
    case 'cancel-job': {
      const ended = state.orders.find((o) => o.jobOpen && o.status !== 'accepted');
      return ended && { type: 'RecordJobCancelled', orderId: ended.orderId };
    }
    case 'manual':
      return { type: 'SignManually', reason: 'signer-did-not-respond' };
    case 'withdraw':
      return { type: 'WithdrawContract', reason: 'contract-cancelled' };
    case 'follow-up':
      if (!intent.ok) return { type: 'RecordFollowUpFailed', step: intent.step, code: 'http-503' };
      return intent.step === 'archive' ? { type: 'RecordDocumentArchived', archiveReference: 'ARK-2026-1' } : { type: 'RecordVigoUpdated' };
    case 'repeat-last':
      return last;
    case 'upload-uncertain':
      return order && { type: 'RecordSubmissionUncertain', orderId: order.orderId, upload: uploadOf(order) };
    case 'resolve-upload':
      return (
        order &&
        (intent.found
          ? { type: 'ResolveUncertainSubmission', orderId: order.orderId, outcome: 'job-found', by: 'saksbehandler-1', providerJobId: `job-${order.orderId}` }
          : { type: 'ResolveUncertainSubmission', orderId: order.orderId, outcome: 'no-job', by: 'saksbehandler-1' })
      );
    case 'correct-mobile':
    case 'correct-email':
    case 'change-start-date':
    case 'stale':
      return intent.command;
  }
};

/**
 * Realistic random histories of one contract: a registration, then steps minutes to days apart,
 * each decided by the real decider (refused commands leave no events). For property tests of
 * projections, stores and integrations.
 */
export const contractHistoryArb = (options: HistoryOptions = {}): fc.Arbitrary<GeneratedHistory> => {
  const start = options.start ?? DateTime.fromISO('2026-08-03T08:30:00', { zone: osloZone });
  return registerContractArb({ around: start.plus({ days: 40 }), ...options }).chain((registration) =>
    fc
      .array(fc.tuple(fc.oneof(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 2 * 24 * 60 })), intentArb(registration.contractId, start)), { maxLength: options.maxSteps ?? 30, size: 'max' })
      .map((steps) => {
        let state = initialState;
        let now = start;
        const events: ContractEvent[] = [];
        const tried: { at: DateTime; command: ContractCommand; accepted: boolean }[] = [];
        let last: ContractCommand | undefined;
        const apply = (command: ContractCommand) => {
          const decision = decide(command, state, { now, ...(options.policy ? { policy: options.policy } : {}) });
          tried.push({ at: now, command, accepted: decision._tag === 'Right' });
          if (decision._tag === 'Right') {
            for (const e of decision.right) state = evolve(state, e);
            events.push(...decision.right);
          }
        };
        apply(registration);
        for (const [minutes, intent] of steps) {
          now = now.plus({ minutes });
          const command = resolve(intent, state, now, last);
          if (command === undefined) continue;
          if (intent.kind !== 'repeat-last' && intent.kind !== 'stale') last = command;
          apply(command);
        }
        return { contractId: registration.contractId, events, steps: tried, state };
      }),
  );
};
