/*
 * The pilot's stories from "PILOT DIGITAL SIGNATUR – Erfaringer fra Telemark og Østfold" (slides
 * 3–9), each told as given/when/then. The pilot ran 7-day orders with no check before sending and no
 * reminder of its own (`pilotPolicy`); where fagsign's defaults would have changed the story, the
 * test says so.
 */
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import {
  dueActions,
  MobileNumber,
  EmailAddress,
  pilotPolicy,
  defaultPolicy,
  PreflightBlocked,
  DeadlineNotReached,
  type ContractCommand,
  type ContractEvent,
  type EventType,
  type OrderId,
  type Instant,
} from '../index.js';
import { contractSpec, sampleRegistration, type SampleContractOptions } from '../testing/index.js';
import { replay } from './replay.js';
import type { SigningPolicy } from '../policy/signing-policy.js';

const oslo = (local: string) => DateTime.fromISO(local, { zone: 'Europe/Oslo' });
const instant = (local: string) => oslo(local).toUTC().toISO() as Instant;

/** A story: commands at times, each checked, the history growing as it goes. */
const story = (policy: SigningPolicy, registration: SampleContractOptions) => {
  const history: ContractEvent[] = [];
  const order = (n: number) => `${registration.contractId}/${n}` as OrderId;
  const step = (local: string, command: ContractCommand) =>
    contractSpec({ now: oslo(local), policy }).given(history).when(command);
  return {
    order,
    history,
    state: () => replay(history),
    /** The command is accepted and produces exactly events of these types, in this order. */
    at(local: string, command: ContractCommand, types: EventType[]): ContractEvent[] {
      let produced: ContractEvent[] = [];
      step(local, command).thenEvents((events) => {
        produced = [...events];
      });
      expect(produced.map((e) => e.type)).toEqual(types);
      history.push(...produced);
      return produced;
    },
    refused: (local: string, command: ContractCommand) => step(local, command),
  };
};

const allSign = (s: ReturnType<typeof story>, local: string, n: number, roles = ['laerling', 'faglig-leder', 'daglig-leder'] as const) =>
  roles.forEach((role, i) =>
    s.at(local, { type: 'RecordSignerSigned', orderId: s.order(n), role, signedAt: instant(local) }, i === roles.length - 1 ? ['SignerSigned', 'ContractSignedElectronically'] : ['SignerSigned']),
  );

describe('Telemark (slides 4–5)', () => {
  it('an order failed on the apprentice\'s wrong mobile number; a new order was created and it went fine', () => {
    const s = story(pilotPolicy, { contractId: 'TM-2026-001', county: 'Telemark' });
    s.at('2026-08-03T09:00', sampleRegistration({ contractId: 'TM-2026-001', county: 'Telemark' }), ['ContractRegistered']);
    const [created] = s.at('2026-08-03T09:05', { type: 'CreateOrder' }, ['OrderCreated']);
    expect(created!.type === 'OrderCreated' && created!.data.deadline).toBe(instant('2026-08-10T09:05'));
    s.at('2026-08-03T09:06', { type: 'RecordOrderAccepted', orderId: s.order(1), providerJobId: 'job-101' }, ['OrderAccepted']);
    s.at('2026-08-03T12:00', { type: 'RecordSignerSigned', orderId: s.order(1), role: 'faglig-leder', signedAt: instant('2026-08-03T12:00') }, ['SignerSigned']);
    s.at('2026-08-04T08:30', { type: 'RecordSignerSigned', orderId: s.order(1), role: 'daglig-leder', signedAt: instant('2026-08-04T08:30') }, ['SignerSigned']);
    // The SMS went to someone else's phone: the service shows WAITING until the order runs out.
    s.at('2026-08-10T09:05', { type: 'ExpireOrder', orderId: s.order(1) }, ['Expired']);
    // The clerk calls the apprentice, learns the number, corrects it in Vigo: that names the cause.
    const [, diagnosis] = s.at('2026-08-10T10:00', { type: 'CorrectContactData', role: 'laerling', changes: { mobile: MobileNumber.registered('48000001') } }, ['ContactDataCorrected', 'SignerFailed']);
    expect(diagnosis).toMatchObject({ data: { orderId: s.order(1), role: 'laerling', cause: 'wrong-mobile', source: 'staff' } });
    const [resigned] = s.at('2026-08-10T10:05', { type: 'CreateOrder' }, ['Resigned', 'OrderCreated']);
    expect(resigned).toMatchObject({ data: { previousOrderId: s.order(1), previousOutcome: 'expired', orderId: s.order(2) } });
    s.at('2026-08-10T10:06', { type: 'RecordOrderAccepted', orderId: s.order(2), providerJobId: 'job-102' }, ['OrderAccepted']);
    allSign(s, '2026-08-11T14:00', 2);
    expect(s.state().status).toBe('signed-electronically');
    expect(s.state().orders.map((o) => [o.status, o.diagnosis])).toEqual([['expired', 'wrong-mobile'], ['completed', undefined]]);
  });

  it('an order failed because the faglig leder had no e-mail; the new order went unanswered, so the contract was signed manually', () => {
    const registration = { contractId: 'TM-2026-002', parties: { 'faglig-leder': { email: undefined } } } as const;
    const s = story(pilotPolicy, registration);
    s.at('2026-08-03T09:00', sampleRegistration(registration), ['ContractRegistered']);
    // fagsign would have stopped here: the pre-flight check finds the missing address.
    s.refused('2026-08-03T09:05', { type: 'CreateOrder' }).thenFails(PreflightBlocked, (error) =>
      expect(error.problems.map((p) => [p.code, p.role])).toContainEqual(['email-missing', 'faglig-leder']),
    );
    // with a warning beside it and another block overridden, the message names only what still blocks
    const withWarning = story(pilotPolicy, { contractId: 'TM-2026-012', startDate: '2026-07-01', parties: { 'faglig-leder': { email: undefined }, 'daglig-leder': { email: undefined } } } as const);
    withWarning.at('2026-08-03T09:00', sampleRegistration({ contractId: 'TM-2026-012', startDate: '2026-07-01', parties: { 'faglig-leder': { email: undefined }, 'daglig-leder': { email: undefined } } } as const), ['ContractRegistered']);
    withWarning
      .refused('2026-08-03T09:05', { type: 'CreateOrder', overrides: [{ code: 'email-missing', role: 'daglig-leder', reason: 'ringer', by: 'x' }] })
      .thenFails(PreflightBlocked, (error) => {
        expect(error.problems.map((p) => p.code)).toContain('start-date-past');
        expect(error.message).toBe('The pre-flight check blocks the order: email-missing (faglig-leder)');
      });
    // The pilot had no such check: the order went out (here, a recorded override).
    const override = { code: 'email-missing' as const, role: 'faglig-leder' as const, reason: 'Piloten: ingen kontroll før utsending', by: 'fagopplaering-tm' };
    const [created] = s.at('2026-08-03T09:05', { type: 'CreateOrder', overrides: [override] }, ['OrderCreated']);
    expect(created).toMatchObject({ data: { overrides: [override] } });
    s.at('2026-08-03T09:06', { type: 'RecordOrderAccepted', orderId: s.order(1), providerJobId: 'job-201' }, ['OrderAccepted']);
    // The service cannot reach a signer without an address; we know the address was missing.
    const [failed] = s.at('2026-08-03T09:10', { type: 'RecordSignerFailed', orderId: s.order(1), role: 'faglig-leder', cause: 'contact-information-missing', source: 'provider', providerStatus: 'CONTACT_INFORMATION_MISSING' }, ['SignerFailed', 'OrderFailed']);
    expect(failed).toMatchObject({ data: { cause: 'missing-email', providerStatus: 'CONTACT_INFORMATION_MISSING' } });
    s.at('2026-08-04T10:00', { type: 'CorrectContactData', role: 'faglig-leder', changes: { email: EmailAddress.registered('kari.fagleder@firma1.no') } }, ['ContactDataCorrected']);
    s.at('2026-08-04T10:05', { type: 'CreateOrder' }, ['Resigned', 'OrderCreated']);
    s.at('2026-08-04T10:06', { type: 'RecordOrderAccepted', orderId: s.order(2), providerJobId: 'job-202' }, ['OrderAccepted']);
    s.at('2026-08-04T18:00', { type: 'RecordSignerSigned', orderId: s.order(2), role: 'laerling', signedAt: instant('2026-08-04T18:00') }, ['SignerSigned']);
    s.at('2026-08-11T10:05', { type: 'ExpireOrder', orderId: s.order(2) }, ['Expired']);
    s.at('2026-08-12T09:00', { type: 'SignManually', reason: 'signer-did-not-respond' }, ['ContractSignedManually']);
    expect(s.state().status).toBe('signed-manually');
    // Once on paper, the contract takes no more signing orders.
    s.refused('2026-08-12T09:05', { type: 'CreateOrder' }).thenFails(Error, (e) => expect(e.name).toBe('ContractClosed'));
  });

  it('an order was cancelled because a new start date was decided before signing; the new order went fine', () => {
    const s = story(pilotPolicy, { contractId: 'TM-2026-003' });
    s.at('2026-08-03T09:00', sampleRegistration({ contractId: 'TM-2026-003' }), ['ContractRegistered']);
    s.at('2026-08-03T09:05', { type: 'CreateOrder' }, ['OrderCreated']);
    s.at('2026-08-03T09:06', { type: 'RecordOrderAccepted', orderId: s.order(1), providerJobId: 'job-301' }, ['OrderAccepted']);
    s.at('2026-08-03T15:00', { type: 'RecordSignerSigned', orderId: s.order(1), role: 'laerling', signedAt: instant('2026-08-03T15:00') }, ['SignerSigned']);
    const [changed, cancelled] = s.at('2026-08-04T11:00', { type: 'ChangeStartDate', startDate: '2026-09-15' as never }, ['StartDateChanged', 'OrderCancelled']);
    expect(changed).toMatchObject({ data: { startDate: '2026-09-15', previousStartDate: '2026-09-01' } });
    expect(cancelled).toMatchObject({ data: { reason: 'start-date-changed' } });
    s.at('2026-08-04T11:05', { type: 'CreateOrder' }, ['Resigned', 'OrderCreated']);
    s.at('2026-08-04T11:06', { type: 'RecordOrderAccepted', orderId: s.order(2), providerJobId: 'job-302' }, ['OrderAccepted']);
    allSign(s, '2026-08-05T10:00', 2);
    expect(s.state().contract?.startDate).toBe('2026-09-15');
  });

  it('two orders on the same date got errors at the signing service; new orders the next day went fine', () => {
    for (const id of ['TM-2026-004', 'TM-2026-005']) {
      const s = story(pilotPolicy, { contractId: id });
      s.at('2026-08-05T09:00', sampleRegistration({ contractId: id }), ['ContractRegistered']);
      s.at('2026-08-05T09:05', { type: 'CreateOrder' }, ['OrderCreated']);
      // The pilot retried nothing by itself: the error ended the order.
      const [error] = s.at('2026-08-05T09:06', { type: 'RecordProviderError', orderId: s.order(1), code: 'http-503', transient: true }, ['ProviderErrorOccurred', 'OrderFailed']);
      expect(error).toMatchObject({ data: { transient: true, retryAt: null } });
      s.at('2026-08-06T08:30', { type: 'CreateOrder' }, ['Resigned', 'OrderCreated']);
      s.at('2026-08-06T08:31', { type: 'RecordOrderAccepted', orderId: s.order(2), providerJobId: `job-${id}` }, ['OrderAccepted']);
      allSign(s, '2026-08-07T12:00', 2);
      expect(s.state().orders.map((o) => o.failureCause)).toEqual(['provider-error', undefined]);
    }
  });

  it('with fagsign\'s default policy the same error is retried on the next working day, on the same order', () => {
    const s = story(defaultPolicy, { contractId: 'TM-2026-006' });
    s.at('2026-08-07T09:00', sampleRegistration({ contractId: 'TM-2026-006' }), ['ContractRegistered']); // a Friday
    s.at('2026-08-07T09:05', { type: 'CreateOrder' }, ['OrderCreated']);
    const [error] = s.at('2026-08-07T09:06', { type: 'RecordProviderError', orderId: s.order(1), code: 'http-503', transient: true }, ['ProviderErrorOccurred']);
    expect(error).toMatchObject({ data: { retryAt: instant('2026-08-10T08:00') } }); // Monday 08:00
    expect(dueActions(s.state(), oslo('2026-08-09T20:00'), defaultPolicy)).toEqual([]);
    expect(dueActions(s.state(), oslo('2026-08-10T08:00'), defaultPolicy)).toEqual([{ kind: 'retry-order', orderId: s.order(1), dueAt: instant('2026-08-10T08:00') }]);
    s.at('2026-08-10T08:00', { type: 'RecordOrderAccepted', orderId: s.order(1), providerJobId: 'job-601' }, ['OrderAccepted']);
    expect(s.state().orders).toHaveLength(1);
  });
});

describe('Østfold (slides 6–7)', () => {
  it('two orders failed because the apprentices had changed mobile numbers; corrected in Vigo, the new orders went through', () => {
    const s = story(pilotPolicy, { contractId: 'OF-2026-001' });
    s.at('2026-08-03T09:00', sampleRegistration({ contractId: 'OF-2026-001', county: 'Østfold' }), ['ContractRegistered']);
    s.at('2026-08-03T09:05', { type: 'CreateOrder' }, ['OrderCreated']);
    s.at('2026-08-03T09:06', { type: 'RecordOrderAccepted', orderId: s.order(1), providerJobId: 'job-o1' }, ['OrderAccepted']);
    // Corrected while the order is still out: the sent job cannot be edited, so it is cancelled.
    const [, failed, cancelled] = s.at('2026-08-06T13:00', { type: 'CorrectContactData', role: 'laerling', changes: { mobile: MobileNumber.registered('+47 930 00 001') } }, ['ContactDataCorrected', 'SignerFailed', 'OrderCancelled']);
    expect(failed).toMatchObject({ data: { cause: 'wrong-mobile' } });
    expect(cancelled).toMatchObject({ data: { reason: 'contact-correction' } });
    s.at('2026-08-06T13:05', { type: 'CreateOrder' }, ['Resigned', 'OrderCreated']);
    s.at('2026-08-06T13:06', { type: 'RecordOrderAccepted', orderId: s.order(2), providerJobId: 'job-o2' }, ['OrderAccepted']);
    allSign(s, '2026-08-07T09:00', 2);
  });

  it('an order ran out after its 7 days of validity; with much back and forth the contract was signed manually', () => {
    const s = story(pilotPolicy, { contractId: 'OF-2026-002' });
    s.at('2026-08-03T09:00', sampleRegistration({ contractId: 'OF-2026-002', county: 'Østfold' }), ['ContractRegistered']);
    s.at('2026-08-03T09:05', { type: 'CreateOrder' }, ['OrderCreated']);
    s.at('2026-08-03T09:06', { type: 'RecordOrderAccepted', orderId: s.order(1), providerJobId: 'job-o3' }, ['OrderAccepted']);
    s.refused('2026-08-10T09:04', { type: 'ExpireOrder', orderId: s.order(1) }).thenFails(DeadlineNotReached);
    s.at('2026-08-10T09:05', { type: 'ExpireOrder', orderId: s.order(1) }, ['Expired']);
    s.at('2026-08-14T09:00', { type: 'SignManually', reason: 'order-expired' }, ['ContractSignedManually']);
  });

  it('an order ran out because the faglig leder was registered with the company\'s shared mailbox; a personal address in Vigo, a new order, and it went fine', () => {
    const registration = { contractId: 'OF-2026-003', county: 'Østfold' as const, parties: { 'faglig-leder': { email: EmailAddress.registered('post@firma3.no') } } };
    const s = story(pilotPolicy, registration);
    s.at('2026-08-03T09:00', sampleRegistration(registration), ['ContractRegistered']);
    s.refused('2026-08-03T09:05', { type: 'CreateOrder' }).thenFails(PreflightBlocked, (error) =>
      expect(error.problems.filter((p) => p.severity === 'blocking').map((p) => [p.code, p.role])).toEqual([['email-shared-mailbox', 'faglig-leder']]),
    );
    s.at('2026-08-03T09:05', { type: 'CreateOrder', overrides: [{ code: 'email-shared-mailbox', reason: 'Piloten: ingen kontroll før utsending', by: 'fagopplaering-of' }] }, ['OrderCreated']);
    s.at('2026-08-03T09:06', { type: 'RecordOrderAccepted', orderId: s.order(1), providerJobId: 'job-o4' }, ['OrderAccepted']);
    s.at('2026-08-10T09:05', { type: 'ExpireOrder', orderId: s.order(1) }, ['Expired']);
    const [, diagnosis] = s.at('2026-08-11T10:00', { type: 'CorrectContactData', role: 'faglig-leder', changes: { email: EmailAddress.registered('kari.fagleder@firma3.no') } }, ['ContactDataCorrected', 'SignerFailed']);
    expect(diagnosis).toMatchObject({ data: { cause: 'shared-mailbox', source: 'staff' } });
    s.at('2026-08-11T10:05', { type: 'CreateOrder' }, ['Resigned', 'OrderCreated']);
    s.at('2026-08-11T10:06', { type: 'RecordOrderAccepted', orderId: s.order(2), providerJobId: 'job-o5' }, ['OrderAccepted']);
    allSign(s, '2026-08-12T09:00', 2);
  });
});

describe('lessons and wishes (slides 3, 8–10)', () => {
  it('14 days of signing time instead of 7: the default order is open two weeks', () => {
    const s = story(defaultPolicy, { contractId: 'L-1' });
    s.at('2026-08-03T09:00', sampleRegistration({ contractId: 'L-1' }), ['ContractRegistered']);
    const [created] = s.at('2026-08-03T09:05', { type: 'CreateOrder' }, ['OrderCreated']);
    expect(created).toMatchObject({ data: { validityDays: 14, deadline: instant('2026-08-17T09:05') } });
  });

  it('check all data before sending: every problem at once, and the daglig leder must be registered', () => {
    const registration = sampleRegistration({
      contractId: 'L-2',
      parties: { laerling: { mobile: MobileNumber.registered('2212345') }, 'faglig-leder': { email: EmailAddress.registered('firmapost@bedrift.no') }, 'daglig-leder': null },
    });
    const s = story(defaultPolicy, { contractId: 'L-2' });
    s.at('2026-08-03T09:00', registration, ['ContractRegistered']);
    s.refused('2026-08-03T09:05', { type: 'CreateOrder' }).thenFails(PreflightBlocked, (error) => {
      expect(error.problems.map((p) => p.code)).toEqual(['mobile-invalid', 'email-shared-mailbox', 'daglig-leder-missing']);
      // the message names roles and rules, never the number or the address
      expect(error.message).not.toMatch(/2212345|firmapost/);
      expect(error.problems.every((p) => p.message.nb.length > 0 && p.message.en.length > 0)).toBe(true);
    });
  });

  it('an automatic reminder one day before the deadline, to those who have not signed', () => {
    const s = story(defaultPolicy, { contractId: 'L-3' });
    s.at('2026-08-03T09:00', sampleRegistration({ contractId: 'L-3' }), ['ContractRegistered']);
    const [created] = s.at('2026-08-03T09:05', { type: 'CreateOrder' }, ['OrderCreated']);
    expect(created).toMatchObject({ data: { remindAt: instant('2026-08-16T09:05') } });
    s.at('2026-08-03T09:06', { type: 'RecordOrderAccepted', orderId: s.order(1), providerJobId: 'job-r' }, ['OrderAccepted']);
    s.at('2026-08-05T09:00', { type: 'RecordSignerSigned', orderId: s.order(1), role: 'laerling', signedAt: instant('2026-08-05T09:00') }, ['SignerSigned']);
    expect(dueActions(s.state(), oslo('2026-08-16T09:04'), defaultPolicy)).toEqual([]);
    expect(dueActions(s.state(), oslo('2026-08-16T09:05'), defaultPolicy).map((a) => a.kind === 'send-reminder' && [a.role, a.channel])).toEqual([
      ['faglig-leder', 'email'],
      ['daglig-leder', 'email'],
    ]);
    s.at('2026-08-16T09:06', { type: 'RecordReminderSent', orderId: s.order(1), role: 'faglig-leder' }, ['ReminderSent']);
    // once per order and signer
    s.refused('2026-08-16T09:07', { type: 'RecordReminderSent', orderId: s.order(1), role: 'faglig-leder' }).thenNothing();
  });
});
