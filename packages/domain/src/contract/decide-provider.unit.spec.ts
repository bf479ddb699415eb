import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { contractSpec, sampleRegistration } from '../testing/index.js';
import { decide } from './decide.js';
import type { ContractCommand } from './commands.js';
import type { ContractEvent } from './events.js';
import { InvalidCommand, UnknownOrder, UnknownSigner, ContractClosed, ContractNotRegistered, ContractAlreadyRegistered } from './errors.js';
import { replay } from './replay.js';
import type { OrderId } from '../model/contract-id.js';
import type { Instant } from '../model/time.js';
import { MobileNumber } from '../model/mobile-number.js';
import { EmailAddress } from '../model/email-address.js';

const oslo = (local: string) => DateTime.fromISO(local, { zone: 'Europe/Oslo' });
const at = (local: string) => oslo(local).toUTC().toISO() as Instant;
const order = (n: number) => `PR-1/${n}` as OrderId;

const history = (...steps: [string, ContractCommand][]): ContractEvent[] =>
  steps.reduce<ContractEvent[]>((events, [local, command]) => {
    const decision = decide(command, replay(events), { now: oslo(local) });
    if (decision._tag === 'Left') throw decision.left;
    return [...events, ...decision.right];
  }, []);

const accepted = history(
  ['2026-08-03T09:00', sampleRegistration({ contractId: 'PR-1' })],
  ['2026-08-03T09:00', { type: 'CreateOrder' }],
  ['2026-08-03T09:01', { type: 'RecordOrderAccepted', orderId: order(1), providerJobId: 'job-1' }],
);
const spec = (local = '2026-08-04T10:00') => contractSpec({ now: oslo(local) });

describe('facts from the signing service arrive twice, late and out of order', () => {
  it('a signature reported twice is recorded once', () => {
    const signedOnce = [...accepted, ...history()];
    const first = spec().given(signedOnce).when({ type: 'RecordSignerSigned', orderId: order(1), role: 'laerling', signedAt: at('2026-08-04T09:59') });
    const events = [...signedOnce];
    first.thenEvents((e) => events.push(...e));
    spec('2026-08-04T11:00').given(events).when({ type: 'RecordSignerSigned', orderId: order(1), role: 'laerling', signedAt: at('2026-08-04T09:59') }).thenNothing();
  });

  it('signatures out of order: the contract is signed at the latest signing time, not at the last report', () => {
    let events = [...accepted];
    for (const [role, local] of [['daglig-leder', '2026-08-05T12:00'], ['laerling', '2026-08-05T15:00']] as const) {
      spec('2026-08-05T16:00').given(events).when({ type: 'RecordSignerSigned', orderId: order(1), role, signedAt: at(local) }).thenEvents((e) => { events = [...events, ...e]; });
    }
    spec('2026-08-05T16:00').given(events).when({ type: 'RecordSignerSigned', orderId: order(1), role: 'faglig-leder', signedAt: at('2026-08-05T13:00') })
      .thenEvents((e) => expect(e.map((x) => [x.type, x.data.at])).toEqual([['SignerSigned', at('2026-08-05T13:00')], ['ContractSignedElectronically', at('2026-08-05T15:00')]]));
  });

  it('a signature reported after its order expired is recorded once, with the signing time and the order\'s end, and the order stays expired', () => {
    const events = [...accepted];
    contractSpec({ now: oslo('2026-08-17T09:00') }).given(events).when({ type: 'ExpireOrder', orderId: order(1), reportedByProvider: true }).thenEvents((e) => events.push(...e));
    const late: ContractCommand = { type: 'RecordSignerSigned', orderId: order(1), role: 'laerling', signedAt: at('2026-08-17T08:58') };
    const decision = decide(late, replay(events), { now: oslo('2026-08-17T09:30') });
    expect(decision._tag === 'Right' && decision.right).toEqual([
      {
        type: 'LateSignatureReported',
        data: { contractId: 'PR-1', at: at('2026-08-17T08:58'), orderId: order(1), role: 'laerling', orderOutcome: 'expired', orderEndedAt: at('2026-08-17T09:00'), reportedAt: at('2026-08-17T09:30') },
      },
    ]);
    if (decision._tag === 'Right') events.push(...decision.right);
    const state = replay(events);
    expect(state.status).toBe('order-ended');
    expect(state.orders[0]!.status).toBe('expired');
    expect(state.orders[0]!.endedAt).toBe(at('2026-08-17T09:00'));
    expect(state.orders[0]!.signers.map((s) => [s.status, s.signedLateAt])).toEqual([['waiting', at('2026-08-17T08:58')], ['waiting', undefined], ['waiting', undefined]]);
    // the same report again records nothing twice
    spec('2026-08-17T10:00').given(events).when(late).thenNothing();
  });

  it('a signature after a cancelled order is a late signature too; on a closed contract it changes nothing', () => {
    const cancelled = [...accepted];
    spec().given(cancelled).when({ type: 'CancelOrder', orderId: order(1), reason: 'staff-decision' }).thenEvents((e) => cancelled.push(...e));
    const late: ContractCommand = { type: 'RecordSignerSigned', orderId: order(1), role: 'faglig-leder', signedAt: at('2026-08-04T10:30') };
    const decision = decide(late, replay(cancelled), { now: oslo('2026-08-04T11:00') });
    expect(decision._tag === 'Right' && decision.right.map((e) => e.type === 'LateSignatureReported' && e.data.orderOutcome)).toEqual(['cancelled']);
    const onPaper = [...cancelled];
    spec().given(onPaper).when({ type: 'SignManually', reason: 'signer-did-not-respond' }).thenEvents((e) => onPaper.push(...e));
    spec('2026-08-04T11:00').given(onPaper).when(late).thenNothing();
  });

  it('a provider failure for an order that already ended is acknowledged and changes nothing', () => {
    const cancelled = [...accepted, ...history()];
    spec().given(cancelled).when({ type: 'CancelOrder', orderId: order(1), reason: 'staff-decision' }).thenEvents((e) => cancelled.push(...e));
    spec().given(cancelled).when({ type: 'RecordSignerFailed', orderId: order(1), role: 'laerling', cause: 'rejected', source: 'provider' }).thenNothing();
    spec().given(cancelled).when({ type: 'CancelOrder', orderId: order(1), reason: 'cancelled-at-provider' }).thenNothing();
    spec().given(cancelled).when({ type: 'RecordOrderAccepted', orderId: order(1), providerJobId: 'job-1' }).thenNothing();
  });

  it('an acceptance under another job id is refused: one order never has two jobs', () => {
    spec().given(accepted).when({ type: 'RecordOrderAccepted', orderId: order(1), providerJobId: 'job-1' }).thenNothing();
    spec().given(accepted).when({ type: 'RecordOrderAccepted', orderId: order(1), providerJobId: 'job-2' }).thenFails(InvalidCommand);
  });

  it('an error from a later call (a poll, a cancel) is not the accepted order\'s error', () => {
    spec().given(accepted).when({ type: 'RecordProviderError', orderId: order(1), code: 'http-503', transient: true }).thenNothing();
  });

  it('a fact about an order or a signer the contract never had is an error', () => {
    spec().given(accepted).when({ type: 'RecordSignerSigned', orderId: order(7), role: 'laerling', signedAt: at('2026-08-04T09:00') }).thenFails(UnknownOrder);
    spec().given(accepted).when({ type: 'RecordSignerSigned', orderId: order(1), role: 'foresatt', signedAt: at('2026-08-04T09:00') }).thenFails(UnknownSigner);
  });

  it('a rejection ends the order at once; the service\'s raw status is kept', () => {
    spec().given(accepted).when({ type: 'RecordSignerFailed', orderId: order(1), role: 'daglig-leder', cause: 'rejected', source: 'provider', providerStatus: 'REJECTED', failedAt: at('2026-08-04T09:30') })
      .thenEvents((e, state) => {
        expect(e).toMatchObject([{ type: 'SignerFailed', data: { providerStatus: 'REJECTED', at: at('2026-08-04T09:30') } }, { type: 'OrderFailed', data: { cause: 'rejected' } }]);
        expect(state.status).toBe('order-ended');
      });
  });

  it('a person\'s diagnosis on an active order records the cause and leaves the order running', () => {
    spec().given(accepted).when({ type: 'RecordSignerFailed', orderId: order(1), role: 'laerling', cause: 'wrong-mobile', source: 'staff' })
      .thenEvents((e, state) => {
        expect(e.map((x) => x.type)).toEqual(['SignerFailed']);
        expect(state.status).toBe('in-signing');
        expect(state.orders[0]!.diagnosis).toBe('wrong-mobile');
      });
  });

  it('a person cannot diagnose once the contract is closed', () => {
    const manual = [...accepted, ...history()];
    spec().given(manual).when({ type: 'SignManually', reason: 'other' }).thenEvents((e) => manual.push(...e));
    spec().given(manual).when({ type: 'RecordSignerFailed', orderId: order(1), role: 'laerling', cause: 'wrong-mobile', source: 'staff' }).thenFails(ContractClosed);
  });
});

describe('registration', () => {
  it('only once, and before anything else', () => {
    const registration = sampleRegistration({ contractId: 'PR-1' });
    spec().given(accepted).when(registration).thenFails(ContractAlreadyRegistered);
    spec().given([]).when({ type: 'CreateOrder' }).thenFails(ContractNotRegistered);
  });

  it('refuses a second party in the same role and a candidate on a lærekontrakt', () => {
    const registration = sampleRegistration({ contractId: 'PR-2' });
    const doubled = { ...registration, parties: [...registration.parties, registration.parties[1]!, { ...registration.parties[0]!, role: 'kandidat' as const }] };
    spec().given([]).when(doubled).thenFails(InvalidCommand, (e) =>
      expect(e.violations).toEqual([
        { path: 'parties[3].role', rule: 'must not repeat the role of another party' },
        { path: 'parties[4].role', rule: 'must be laerling: a laerekontrakt is signed by a laerling' },
      ]),
    );
  });

  it('a correction that changes nothing records nothing', () => {
    const registration = sampleRegistration({ contractId: 'PR-1' });
    const mobile = registration.parties[0]!.mobile!;
    spec().given(accepted).when({ type: 'CorrectContactData', role: 'laerling', changes: { mobile } }).thenNothing();
    spec().given(accepted).when({ type: 'ChangeStartDate', startDate: registration.startDate! }).thenNothing();
  });
});

describe('found in review', () => {
  const start = '2026-08-03T10:00';
  const acceptedWith = (contractId: string, parties = {}) =>
    history(
      [start, sampleRegistration({ contractId, parties })],
      [start, { type: 'CreateOrder' }],
      [start, { type: 'RecordOrderAccepted', orderId: `${contractId}/1` as OrderId, providerJobId: 'J1' }],
    );

  it('a correction of a field the signer is not reached by neither diagnoses nor cancels', () => {
    const mobileOfLeader = acceptedWith('RV-1', { 'faglig-leder': { mobile: MobileNumber.registered('41234567') } });
    spec().given(mobileOfLeader).when({ type: 'CorrectContactData', role: 'faglig-leder', changes: { mobile: MobileNumber.registered('98765432') } })
      .thenEvents((e) => expect(e.map((x) => x.type)).toEqual(['ContactDataCorrected']));
    spec().given(acceptedWith('RV-2')).when({ type: 'CorrectContactData', role: 'laerling', changes: { email: EmailAddress.registered('ola@example.no') } })
      .thenEvents((e) => expect(e.map((x) => x.type)).toEqual(['ContactDataCorrected']));
  });

  it('the service\'s failure ends the order even where a person had diagnosed the same cause', () => {
    const events = acceptedWith('RV-3');
    spec().given(events).when({ type: 'RecordSignerFailed', orderId: 'RV-3/1' as OrderId, role: 'laerling', cause: 'rejected', source: 'staff' }).thenEvents((e) => events.push(...e));
    spec().given(events).when({ type: 'RecordSignerFailed', orderId: 'RV-3/1' as OrderId, role: 'laerling', cause: 'rejected', source: 'provider', providerStatus: 'REJECTED' })
      .thenEvents((e, state) => {
        expect(e.map((x) => x.type)).toEqual(['SignerFailed', 'OrderFailed']);
        expect(state.orders[0]!.status).toBe('failed');
      });
  });

  it('a job the service made after the order ended is recorded without reopening the order, so it can be cancelled', () => {
    const events = history(
      [start, sampleRegistration({ contractId: 'RV-4' })],
      [start, { type: 'CreateOrder' }],
      ['2026-08-03T10:01', { type: 'ChangeStartDate', startDate: '2026-09-20' as never }],
    );
    spec('2026-08-03T10:02').given(events).when({ type: 'RecordOrderAccepted', orderId: 'RV-4/1' as OrderId, providerJobId: 'J9' })
      .thenEvents((e, state) => {
        expect(e.map((x) => x.type)).toEqual(['OrderAccepted']);
        expect(state.orders[0]).toMatchObject({ status: 'cancelled', providerJobId: 'J9', jobOpen: true });
        expect(state.status).toBe('order-ended');
      });
  });
});
