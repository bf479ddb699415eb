/*
 * The model-based test rig for the lifecycle properties (lifecycle.property.spec.ts). A run is a
 * random sequence of commands (fc.commands): intents resolved against the real contract ("the
 * second signer of the current order signs"), stale or arbitrary commands, fuzzed input decoded as
 * a command, repeated provider facts, and the clock moving on. After every command the rig checks
 * the invariants it was asked to check, against a small model that predicts the contract's
 * coarse lifecycle independently of the decider.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { decide } from './decide.js';
import { decodeCommand } from './codecs.js';
import type { ContractCommand } from './commands.js';
import type { ContractEvent } from './events.js';
import { evolve } from './evolve.js';
import { isUploadUncertain, uploadOf } from './submission.js';
import { replay } from './replay.js';
import { activeOrder, activeOrderStatuses, currentOrder, findOrder, initialState, type ContractState } from './state.js';
import { PersonalValue } from '../model/personal-value.js';
import type { ContractId } from '../model/contract-id.js';
import { osloZone, toDateTime } from '../model/time.js';
import { isQuietHour } from '../policy/deadlines.js';
import { defaultPolicy, type SigningPolicy } from '../policy/signing-policy.js';
import { preflightCodes } from '../policy/preflight-codes.js';
import { contractCommandArb, registerContractArb } from '../testing/arbitraries.js';

export type Invariant =
  | 'one-active-order'
  | 'nothing-after-terminal'
  | 'never-both-signatures'
  | 'deadlines-and-reminders'
  | 'fold-equals-steps'
  | 'decide-total'
  | 'duplicates-change-nothing'
  | 'uncertain-upload-waits'
  | 'late-signature-is-a-fact';

/** What the model knows: whether the contract is registered or closed, and whether an order is out. */
export interface LifecycleModel {
  registered: boolean;
  closed: 'signed-electronically' | 'signed-manually' | 'withdrawn' | undefined;
  activeOrder: string | undefined;
  /** `orderId/role` of every signature recorded as late. */
  lateSignatures?: Set<string>;
}

export interface LifecycleReal {
  state: ContractState;
  events: ContractEvent[];
  now: DateTime;
  lastProviderFact: ContractCommand | undefined;
  readonly policy: SigningPolicy;
  readonly check: ReadonlySet<Invariant>;
}

const fail = (message: string): never => {
  throw new Error(message);
};

/** A stable text form of a state, personal values included, for comparing two states. */
export const snapshot = (state: ContractState): string =>
  JSON.stringify(state, (_key, value: unknown) => (value instanceof PersonalValue ? `${value.label}:${value.reveal()}` : value));

const providerFacts = new Set(['RecordOrderAccepted', 'RecordSignerSigned', 'RecordOrderFailed', 'ExpireOrder', 'RecordSignerFailed', 'CancelOrder', 'RecordSubmissionUncertain']);
const followUpEvents = new Set(['SignedDocumentArchived', 'VigoUpdated', 'FollowUpFailed']);
/**
 * Cleaning up at the signing service after the end: cancelling the job of an order the end
 * cancelled, and a person settling an upload in doubt (a job found is then cancelled there).
 */
const cleanUpEvents = new Set(['ProviderJobCancelled', 'UncertainSubmissionResolved']);

/** Decides one command against the real contract and checks every invariant asked for. */
const execute = (model: LifecycleModel, real: LifecycleReal, command: ContractCommand): void => {
  const before = real.state;
  let decision;
  try {
    decision = decide(command, before, { now: real.now, policy: real.policy });
  } catch (error) {
    return fail(`decide threw on ${command.type}: ${String(error)}`);
  }
  if (real.check.has('decide-total') && decision._tag === 'Left' && !(decision.left instanceof Error)) fail('a refusal that is not a typed error');
  predict(model, before, command, decision._tag === 'Right' ? decision.right : undefined, real.check);
  if (real.check.has('late-signature-is-a-fact')) predictLateSignature(model, before, command, decision._tag === 'Right' ? decision.right : undefined);
  if (decision._tag === 'Left') return;

  const produced = decision.right;
  let after = before;
  for (const e of produced) after = evolve(after, e);
  real.events.push(...produced);
  real.state = after;
  if (providerFacts.has(command.type) && produced.length > 0 && (command.type !== 'RecordSignerFailed' || command.source === 'provider')) {
    real.lastProviderFact = command;
  }
  checkAfter(model, real, before, produced);
  observe(model, produced, after);
};

/** The model's own expectations about the command, before it sees what the decider did. */
const predict = (model: LifecycleModel, before: ContractState, command: ContractCommand, produced: ContractEvent[] | undefined, check: ReadonlySet<Invariant>) => {
  if (check.has('one-active-order') && command.type === 'CreateOrder' && model.activeOrder !== undefined && produced !== undefined) {
    fail(`CreateOrder accepted while ${model.activeOrder} was still active`);
  }
  if (check.has('nothing-after-terminal') && model.closed !== undefined && produced !== undefined) {
    // a job the service made for an order that had already ended is recorded so that it is cancelled
    const lateJob = (e: ContractEvent) => e.type === 'OrderAccepted' && !activeOrderStatuses.has(findOrder(before, e.data.orderId)?.status ?? 'created');
    const signing = produced.filter((e) => !followUpEvents.has(e.type) && !cleanUpEvents.has(e.type) && !lateJob(e));
    if (signing.length > 0) fail(`${signing.map((e) => e.type).join(', ')} after the contract was ${model.closed}`);
    if (produced.some((e) => followUpEvents.has(e.type)) && model.closed !== 'signed-electronically') fail(`follow-up after ${model.closed}`);
  }
  if (check.has('nothing-after-terminal') && model.closed !== undefined && ['SignManually', 'WithdrawContract', 'CreateOrder'].includes(command.type) && produced !== undefined) {
    fail(`${command.type} accepted on a ${model.closed} contract`);
  }
  if (check.has('one-active-order') && !model.registered && command.type !== 'RegisterContract' && produced !== undefined) {
    fail(`${command.type} accepted before registration`);
  }
};

const checkAfter = (model: LifecycleModel, real: LifecycleReal, before: ContractState, produced: readonly ContractEvent[]) => {
  const { state, events, check } = real;
  if (check.has('one-active-order')) {
    const active = state.orders.filter((o) => activeOrderStatuses.has(o.status));
    if (active.length > 1) fail(`${active.length} active orders`);
    if (active.length === 1 && active[0] !== currentOrder(state)) fail('an active order that is not the latest');
  }
  if (check.has('never-both-signatures')) {
    const electronic = events.filter((e) => e.type === 'ContractSignedElectronically').length;
    const manual = events.filter((e) => e.type === 'ContractSignedManually').length;
    if (electronic + manual > 1) fail(`signed ${electronic} time(s) electronically and ${manual} time(s) manually`);
  }
  if (check.has('deadlines-and-reminders')) {
    for (const e of produced) {
      if (e.type === 'OrderCreated') {
        const { at, deadline, remindAt } = e.data;
        if (!(deadline > at)) fail(`deadline ${deadline} not after creation ${at}`);
        if (remindAt !== null && !(remindAt > at && remindAt < deadline)) fail(`reminder ${remindAt} outside (${at}, ${deadline})`);
        if (remindAt !== null && isQuietHour(toDateTime(remindAt), real.policy)) fail(`reminder planned in quiet hours: ${remindAt}`);
      }
      if (e.type === 'ReminderSent') {
        const order = findOrder(before, e.data.orderId)!;
        if (!(e.data.at < order.deadline)) fail(`reminder at ${e.data.at} after the deadline ${order.deadline}`);
        if (isQuietHour(toDateTime(e.data.at), real.policy)) fail(`reminder sent in quiet hours: ${e.data.at}`);
      }
    }
  }
  if (check.has('uncertain-upload-waits')) {
    for (const e of produced) {
      const providerError = e.type === 'ProviderErrorOccurred' || (e.type === 'OrderFailed' && e.data.cause === 'provider-error');
      const order = providerError ? findOrder(before, e.data.orderId) : undefined;
      if (order !== undefined && isUploadUncertain(order)) fail(`${e.type} on ${order.orderId}, whose upload is in doubt`);
    }
  }
  if (check.has('fold-equals-steps') && snapshot(replay(events)) !== snapshot(state)) fail('folding from scratch differs from the step-by-step state');
  void model;
};

/** The model learns the coarse facts from the events (registration, the end, the active order). */
const observe = (model: LifecycleModel, produced: readonly ContractEvent[], after: ContractState) => {
  for (const e of produced) {
    if (e.type === 'ContractRegistered') model.registered = true;
    if (e.type === 'ContractSignedElectronically') model.closed = 'signed-electronically';
    if (e.type === 'ContractSignedManually') model.closed = 'signed-manually';
    if (e.type === 'ContractWithdrawn') model.closed = 'withdrawn';
    if (e.type === 'OrderCreated') model.activeOrder = e.data.orderId;
    if ((e.type === 'Expired' || e.type === 'OrderCancelled' || e.type === 'OrderFailed' || e.type === 'ContractSignedElectronically') && e.data.orderId === model.activeOrder) {
      model.activeOrder = undefined;
    }
  }
  for (const e of produced) if (e.type === 'LateSignatureReported') (model.lateSignatures ??= new Set()).add(`${e.data.orderId}/${e.data.role}`);
  if (model.activeOrder !== activeOrder(after)?.orderId) fail(`model expects active order ${model.activeOrder}, the state has ${activeOrder(after)?.orderId}`);
};

/**
 * A signature for an order that has ended, on an open contract, is recorded once as a late
 * signature (with the signing time and the order's end) and changes neither the order's end nor
 * the contract's status; reported again, it records nothing.
 */
const predictLateSignature = (model: LifecycleModel, before: ContractState, command: ContractCommand, produced: ContractEvent[] | undefined) => {
  const late = produced?.filter((e) => e.type === 'LateSignatureReported') ?? [];
  if (command.type !== 'RecordSignerSigned') return late.length > 0 ? fail(`${command.type} recorded a late signature`) : undefined;
  const order = findOrder(before, command.orderId);
  const signer = order?.signers.find((s) => s.role === command.role);
  const ended = order !== undefined && ['expired', 'cancelled', 'failed'].includes(order.status);
  if (!ended || signer === undefined || signer.status === 'signed' || model.closed !== undefined) {
    return late.length > 0 ? fail(`a late signature for a live order, a signed signer or a closed contract`) : undefined;
  }
  const key = `${command.orderId}/${command.role}`;
  const expected = model.lateSignatures?.has(key) ? 0 : 1;
  if (produced === undefined || produced.length !== expected || late.length !== expected) {
    fail(`a signature after ${order.status} produced ${produced?.map((e) => e.type).join(', ') ?? 'a refusal'}; expected ${expected} late signature`);
  }
  const e = late[0];
  if (e?.type === 'LateSignatureReported' && (e.data.at !== command.signedAt || e.data.orderEndedAt !== order.endedAt || e.data.orderOutcome !== order.status)) {
    fail('a late signature without its signing time or the order\'s end');
  }
  const after = (produced ?? []).reduce(evolve, before);
  const stays = findOrder(after, command.orderId)!;
  if (stays.status !== order.status || stays.endedAt !== order.endedAt || after.status !== before.status) fail('a late signature changed the order\'s end');
};

type Cmd = fc.Command<LifecycleModel, LifecycleReal>;

const cmd = (label: string, resolve: (real: LifecycleReal) => ContractCommand | undefined): Cmd => ({
  check: () => true,
  run: (model, real) => {
    const command = resolve(real);
    if (command !== undefined) execute(model, real, command);
  },
  toString: () => label,
});

export const lifecycleCommands = (contractId: ContractId, start: DateTime): fc.Arbitrary<Cmd>[] => {
  const signerOf = (real: LifecycleReal, i: number) => {
    const order = currentOrder(real.state);
    return order && order.signers.length > 0 ? { order, signer: order.signers[i % order.signers.length]! } : undefined;
  };
  return [
    fc.constantFrom(false, true).map((overrideAll) =>
      cmd(`CreateOrder${overrideAll ? '(override all)' : ''}`, () =>
        overrideAll ? { type: 'CreateOrder', overrides: preflightCodes.map((code) => ({ code, reason: 'test', by: 'test' })) } : { type: 'CreateOrder' },
      ),
    ),
    fc.constant(cmd('Accept', (r) => { const o = currentOrder(r.state); return o && { type: 'RecordOrderAccepted', orderId: o.orderId, providerJobId: `job-${o.orderId}` }; })),
    fc.boolean().map((transient) => cmd(`ProviderError(${transient})`, (r) => { const o = currentOrder(r.state); return o && { type: 'RecordProviderError', orderId: o.orderId, code: 'http-503', transient }; })),
    fc.nat(5).map((i) => cmd(`Sign(${i})`, (r) => { const s = signerOf(r, i); return s && { type: 'RecordSignerSigned', orderId: s.order.orderId, role: s.signer.role, signedAt: r.now.toUTC().toISO() as never }; })),
    fc.tuple(fc.nat(5), fc.constantFrom('rejected', 'reserved', 'wrong-mobile', 'contact-information-missing') , fc.boolean()).map(([i, cause, staff]) =>
      cmd(`SignerFails(${i},${cause},${staff ? 'staff' : 'provider'})`, (r) => { const s = signerOf(r, i); return s && { type: 'RecordSignerFailed', orderId: s.order.orderId, role: s.signer.role, cause: cause as never, source: staff ? 'staff' : 'provider' }; }),
    ),
    fc.nat(5).map((i) => cmd(`Remind(${i})`, (r) => { const s = signerOf(r, i); return s && { type: 'RecordReminderSent', orderId: s.order.orderId, role: s.signer.role }; })),
    fc.boolean().map((byProvider) => cmd(`Expire(${byProvider ? 'provider' : 'clock'})`, (r) => { const o = currentOrder(r.state); return o && { type: 'ExpireOrder', orderId: o.orderId, reportedByProvider: byProvider }; })),
    fc.constant(cmd('Cancel', (r) => { const o = currentOrder(r.state); return o && { type: 'CancelOrder', orderId: o.orderId, reason: 'staff-decision' }; })),
    fc.constant(cmd('UploadUncertain', (r) => { const o = currentOrder(r.state); return o && { type: 'RecordSubmissionUncertain', orderId: o.orderId, upload: uploadOf(o) }; })),
    fc.boolean().map((found) =>
      cmd(`ResolveUpload(${found ? 'job-found' : 'no-job'})`, (r) => {
        const o = currentOrder(r.state);
        if (o === undefined) return undefined;
        return found
          ? { type: 'ResolveUncertainSubmission', orderId: o.orderId, outcome: 'job-found', by: 'test', providerJobId: `job-${o.orderId}` }
          : { type: 'ResolveUncertainSubmission', orderId: o.orderId, outcome: 'no-job', by: 'test' };
      }),
    ),
    fc.constant(cmd('JobCancelled', (r) => { const o = currentOrder(r.state); return o && { type: 'RecordJobCancelled', orderId: o.orderId }; })),
    fc.constant(cmd('SignManually', () => ({ type: 'SignManually', reason: 'signer-did-not-respond' }))),
    fc.constant(cmd('Withdraw', () => ({ type: 'WithdrawContract', reason: 'contract-cancelled' }))),
    fc.constant(cmd('Archive', () => ({ type: 'RecordDocumentArchived', archiveReference: 'ARK-1' }))),
    fc.constant(cmd('Vigo', () => ({ type: 'RecordVigoUpdated' }))),
    fc.constant<Cmd>({
      check: () => true,
      run: (model, real) => {
        const fact = real.lastProviderFact;
        if (fact === undefined) return;
        if (real.check.has('duplicates-change-nothing')) {
          const before = snapshot(real.state);
          const decision = decide(fact, real.state, { now: real.now, policy: real.policy });
          if (decision._tag === 'Left') return fail(`a repeated ${fact.type} was refused: ${decision.left.message}`);
          if (decision.right.length > 0) fail(`a repeated ${fact.type} produced ${decision.right.map((e) => e.type).join(', ')}`);
          if (snapshot(real.state) !== before) fail('a repeated fact changed the state');
        }
        execute(model, real, fact);
      },
      toString: () => 'RepeatLastProviderFact',
    }),
    contractCommandArb(contractId, start).map((c) => cmd(`Stale(${c.type})`, () => c)),
    // the service reports a signature made just before an order ended (the latest ended order, current or earlier)
    fc.nat(5).map((i) => cmd(`SignEndedOrder(${i})`, (r) => {
      const o = [...r.state.orders].reverse().find((order) => !activeOrderStatuses.has(order.status));
      const s = o?.signers[i % Math.max(1, o.signers.length)];
      return o && s && { type: 'RecordSignerSigned', orderId: o.orderId, role: s.role, signedAt: r.now.minus({ minutes: 2 }).toUTC().toISO() as never };
    })),
    fc.jsonValue().map((json) =>
      cmd(`Decoded(${JSON.stringify(json).slice(0, 40)})`, () => {
        const decoded = decodeCommand(json);
        return decoded._tag === 'Right' ? decoded.right : undefined;
      }),
    ),
    fc.oneof(fc.integer({ min: 1, max: 180 }), fc.integer({ min: 60, max: 4 * 24 * 60 })).map((minutes): Cmd => ({
      check: () => true,
      run: (_m, real) => {
        real.now = real.now.plus({ minutes });
      },
      toString: () => `Wait(${minutes}m)`,
    })),
  ];
};

/** A property over random lifecycles that checks the given invariants after every command. */
export const lifecycleProperty = (check: Invariant[], policy: SigningPolicy = defaultPolicy) => {
  const start = DateTime.fromISO('2026-03-20T09:00', { zone: osloZone }); // spans the spring DST change
  return fc.property(
    registerContractArb({ around: start.plus({ days: 30 }), flaws: 0.1 }).chain((registration) =>
      fc.tuple(fc.constant(registration), fc.commands(lifecycleCommands(registration.contractId, start), { maxCommands: 40 })),
    ),
    fc.integer({ min: 0, max: 23 * 60 }),
    ([registration, commands], startMinute) => {
      const real: LifecycleReal = { state: initialState, events: [], now: start.startOf('day').plus({ minutes: startMinute }), lastProviderFact: undefined, policy, check: new Set(check) };
      const model: LifecycleModel = { registered: false, closed: undefined, activeOrder: undefined };
      execute(model, real, registration);
      fc.modelRun(() => ({ model, real }), commands);
    },
  );
};
