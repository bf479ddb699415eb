import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { dueActions } from './due-actions.js';
import { defaultPolicy } from './signing-policy.js';
import { decide, type DecideContext } from '../contract/decide.js';
import { evolve } from '../contract/evolve.js';
import type { ContractCommand } from '../contract/commands.js';
import { initialState, type ContractState } from '../contract/state.js';
import { MobileNumber } from '../model/mobile-number.js';
import { EmailAddress } from '../model/email-address.js';
import type { DisplayName } from '../model/office.js';
import type { Instant } from '../model/time.js';
import type { OrderId } from '../model/contract-id.js';
import { sampleRegistration } from '../testing/sample-contract.js';

const oslo = (local: string) => DateTime.fromISO(local, { zone: 'Europe/Oslo' });
const at = (local: string) => oslo(local).toUTC().toISO() as Instant;
const order1 = 'DA-1/1' as OrderId;

const run = (steps: [string, ContractCommand][], policy = defaultPolicy): ContractState =>
  steps.reduce((state, [local, command]) => {
    const context: DecideContext = { now: oslo(local), policy };
    const decision = decide(command, state, context);
    if (decision._tag === 'Left') throw decision.left;
    return decision.right.reduce(evolve, state);
  }, initialState);

const registered: [string, ContractCommand] = ['2026-08-03T09:00', sampleRegistration({ contractId: 'DA-1' })];
const created: [string, ContractCommand] = ['2026-08-03T09:00', { type: 'CreateOrder' }];
const accepted: [string, ContractCommand] = ['2026-08-03T09:01', { type: 'RecordOrderAccepted', orderId: order1, providerJobId: 'j1' }];

describe('dueActions', () => {
  it('asks for an order to be sent while it is only recorded', () => {
    expect(dueActions(run([registered, created]), oslo('2026-08-03T09:00'), defaultPolicy)).toEqual([
      { kind: 'submit-order', orderId: order1, dueAt: at('2026-08-03T09:00') },
    ]);
  });

  it('reminds each pending signer once, never in the quiet hours', () => {
    const state = run([registered, ['2026-08-03T23:30', { type: 'CreateOrder' }], ['2026-08-03T23:31', { type: 'RecordOrderAccepted', orderId: order1, providerJobId: 'j1' }]]);
    expect(state.orders[0]!.remindAt).toBe(at('2026-08-17T08:00'));
    expect(dueActions(state, oslo('2026-08-17T07:59'), defaultPolicy)).toEqual([]);
    expect(dueActions(state, oslo('2026-08-17T08:00'), defaultPolicy).map((a) => a.kind)).toEqual(['send-reminder', 'send-reminder', 'send-reminder']);
    expect(dueActions(state, oslo('2026-08-17T22:30'), defaultPolicy)).toEqual([]);
    const reminded = run([registered, ['2026-08-03T23:30', { type: 'CreateOrder' }], ['2026-08-03T23:31', { type: 'RecordOrderAccepted', orderId: order1, providerJobId: 'j1' }], ['2026-08-17T08:00', { type: 'RecordReminderSent', orderId: order1, role: 'laerling' }]]);
    expect(dueActions(reminded, oslo('2026-08-17T08:05'), defaultPolicy).map((a) => a.kind === 'send-reminder' && a.role)).toEqual(['faglig-leder', 'daglig-leder']);
  });

  it('expires an order out at the service half an hour after its deadline, and asks for nothing else about it', () => {
    const state = run([registered, created, accepted]);
    expect(dueActions(state, oslo('2026-08-17T09:00'), defaultPolicy)).toEqual([]); // the service's own EXPIRED may be on its way
    expect(dueActions(state, oslo('2026-08-17T09:29'), defaultPolicy)).toEqual([]);
    expect(dueActions(state, oslo('2026-08-17T09:30'), defaultPolicy)).toEqual([{ kind: 'expire-order', orderId: order1, dueAt: at('2026-08-17T09:30') }]);
  });

  it('expires at once an order that never reached the service', () => {
    const waiting = run([registered, created, ['2026-08-03T09:01', { type: 'RecordProviderError', orderId: order1, code: 'http-503', transient: true, retryAfter: at('2026-08-18T08:00') }]]);
    expect(dueActions(waiting, oslo('2026-08-17T09:00'), defaultPolicy)).toEqual([{ kind: 'expire-order', orderId: order1, dueAt: at('2026-08-17T09:00') }]);
  });

  it('archives and reports to Vigo after the last signature, and retries at growing intervals', () => {
    const signed = run([
      registered, created, accepted,
      ['2026-08-04T10:00', { type: 'RecordSignerSigned', orderId: order1, role: 'laerling', signedAt: at('2026-08-04T10:00') }],
      ['2026-08-04T10:00', { type: 'RecordSignerSigned', orderId: order1, role: 'faglig-leder', signedAt: at('2026-08-04T10:00') }],
      ['2026-08-04T10:00', { type: 'RecordSignerSigned', orderId: order1, role: 'daglig-leder', signedAt: at('2026-08-04T10:00') }],
    ]);
    expect(dueActions(signed, oslo('2026-08-04T10:00'), defaultPolicy)).toEqual([
      { kind: 'follow-up', step: 'archive', attempt: 1, dueAt: at('2026-08-04T10:00') },
      { kind: 'follow-up', step: 'vigo', attempt: 1, dueAt: at('2026-08-04T10:00') },
    ]);
  });

  it('issues a new order by itself after a correction, where the county wants that, and suggests paper after the last one', () => {
    const policy = { ...defaultPolicy, autoReissue: { enabled: true, maxOrders: 2 } };
    const corrected = run([registered, created, accepted, ['2026-08-05T10:00', { type: 'CorrectContactData', role: 'laerling', changes: { mobile: MobileNumber.registered('48000002') } }]], policy);
    expect(corrected.status).toBe('order-ended');
    // the old job is cancelled at the service, and a new order issued
    const cancelJob = { kind: 'cancel-job', orderId: order1, providerJobId: 'j1', dueAt: at('2026-08-05T10:00') };
    expect(dueActions(corrected, oslo('2026-08-05T10:00'), policy)).toEqual([cancelJob, { kind: 'issue-new-order', previousOrderId: order1, dueAt: at('2026-08-05T10:00') }]);
    expect(dueActions(corrected, oslo('2026-08-05T10:00'), defaultPolicy)).toEqual([cancelJob]);

    const secondFailed = run([
      registered, created, accepted,
      ['2026-08-05T10:00', { type: 'CorrectContactData', role: 'laerling', changes: { mobile: MobileNumber.registered('48000002') } }],
      ['2026-08-05T10:01', { type: 'CreateOrder' }],
      ['2026-08-05T10:02', { type: 'RecordOrderAccepted', orderId: 'DA-1/2' as OrderId, providerJobId: 'j2' }],
      ['2026-08-06T10:00', { type: 'CorrectContactData', role: 'laerling', changes: { mobile: MobileNumber.registered('48000003') } }],
    ], policy);
    expect(dueActions(secondFailed, oslo('2026-08-06T10:00'), policy).filter((a) => a.kind !== 'cancel-job')).toEqual([
      { kind: 'suggest-manual-contract', previousOrderId: 'DA-1/2', orders: 2, dueAt: at('2026-08-06T10:00') },
    ]);
  });

  it('does not reissue an order that simply ran out: nobody knows yet what to fix', () => {
    const policy = { ...defaultPolicy, autoReissue: { enabled: true, maxOrders: 3 } };
    const expired = run([registered, created, accepted, ['2026-08-17T09:00', { type: 'ExpireOrder', orderId: order1 }]], policy);
    expect(dueActions(expired, oslo('2026-08-18T09:00'), policy).map((a) => a.kind)).toEqual(['cancel-job']);
  });

  it('cancels at the service the job of an order we ended, once, and not one the service ended itself', () => {
    const corrected = run([registered, created, accepted, ['2026-08-05T10:00', { type: 'ChangeStartDate', startDate: '2026-09-20' as never }]]);
    expect(dueActions(corrected, oslo('2026-08-05T10:00'), defaultPolicy)).toEqual([{ kind: 'cancel-job', orderId: order1, providerJobId: 'j1', dueAt: at('2026-08-05T10:00') }]);
    const cancelled = run([registered, created, accepted, ['2026-08-05T10:00', { type: 'ChangeStartDate', startDate: '2026-09-20' as never }], ['2026-08-05T10:01', { type: 'RecordJobCancelled', orderId: order1 }]]);
    expect(dueActions(cancelled, oslo('2026-08-05T10:05'), defaultPolicy)).toEqual([]);
    const expiredThere = run([registered, created, accepted, ['2026-08-10T10:00', { type: 'ExpireOrder', orderId: order1, reportedByProvider: true }]]);
    expect(dueActions(expiredThere, oslo('2026-08-10T10:05'), defaultPolicy)).toEqual([]);
    const rejected = run([registered, created, accepted, ['2026-08-04T10:00', { type: 'RecordSignerFailed', orderId: order1, role: 'laerling', cause: 'rejected', source: 'provider' }]]);
    expect(dueActions(rejected, oslo('2026-08-04T10:05'), defaultPolicy)).toEqual([]);
  });
});

describe('dueActions: reminders respect signing groups', () => {
  const countyLast = { ...defaultPolicy, countySignsLast: true };
  const withCounty: [string, ContractCommand] = [
    '2026-08-03T09:00',
    sampleRegistration({
      contractId: 'DA-1',
      extraParties: [{ role: 'fylkeskommune', name: 'Telemark fylkeskommune' as DisplayName, email: EmailAddress.registered('fagopplaering@telemark.no') }],
    }),
  ];
  const reminders = (state: ContractState, local: string) =>
    dueActions(state, oslo(local), countyLast).flatMap((a) => (a.kind === 'send-reminder' ? [a.role] : []));
  const signs = (role: 'laerling' | 'faglig-leder' | 'daglig-leder'): [string, ContractCommand] => [
    '2026-08-16T09:30',
    { type: 'RecordSignerSigned', orderId: order1, role, signedAt: at('2026-08-16T09:30') },
  ];

  it('reminds no signer of a later group while an earlier group has not all signed: the service has not invited them', () => {
    const state = run([withCounty, created, accepted], countyLast);
    expect(state.orders[0]!.signers.find((s) => s.role === 'fylkeskommune')!.group).toBe(2);
    expect(reminders(state, '2026-08-16T09:00')).toEqual(['laerling', 'faglig-leder', 'daglig-leder']);
    const twoSigned = run([withCounty, created, accepted, signs('laerling'), signs('faglig-leder')], countyLast);
    expect(reminders(twoSigned, '2026-08-16T10:00')).toEqual(['daglig-leder']);
  });

  it('reminds the later-group signer once every earlier signer has signed and the service has invited them', () => {
    const state = run([withCounty, created, accepted, signs('laerling'), signs('faglig-leder'), signs('daglig-leder')], countyLast);
    expect(reminders(state, '2026-08-16T10:00')).toEqual(['fylkeskommune']);
  });
});
