import { DateTime } from 'luxon';
import {
  decide,
  encodeEvent,
  evolve,
  initialState,
  MobileNumber,
  EmailAddress,
  type ContractCommand,
  type ContractEvent,
  type ContractState,
  type OrderId,
  type SerializedEvent,
  type Instant,
  toDateTime,
} from '../src/index.js';
import { sampleRegistration } from '../src/testing/index.js';

/*
 * A realistic mix of contract lifecycles for benchmarks, shaped like the pilot: most contracts sign
 * on the first order; some need a new order after a wrong mobile, a shared mailbox, a changed start
 * date or an error at the service; a few end on paper; some are still out or awaiting review.
 */
type Story = 'clean' | 'wrong-mobile' | 'shared-mailbox' | 'start-date' | 'outage' | 'manual' | 'in-signing' | 'awaiting-review';
const mix: Story[] = ['clean', 'clean', 'clean', 'clean', 'clean', 'clean', 'wrong-mobile', 'shared-mailbox', 'start-date', 'outage', 'manual', 'in-signing', 'awaiting-review'];

export const lifecycleMix = (contracts: number): { histories: ContractEvent[][]; events: number } => {
  const histories: ContractEvent[][] = [];
  let events = 0;
  for (let i = 0; i < contracts; i++) {
    const history = story(i, mix[i % mix.length]!);
    histories.push(history);
    events += history.length;
  }
  return { histories, events };
};

const story = (i: number, kind: Story): ContractEvent[] => {
  const contractId = `LK-2026-${String(i).padStart(6, '0')}`;
  let now: DateTime = DateTime.fromISO('2026-08-03T09:00', { zone: 'Europe/Oslo' }).plus({ minutes: i % 5000 });
  let state: ContractState = initialState;
  const events: ContractEvent[] = [];
  const run = (command: ContractCommand, minutes = 30) => {
    now = now.plus({ minutes });
    const decision = decide(command, state, { now });
    if (decision._tag === 'Left') throw decision.left;
    for (const e of decision.right) state = evolve(state, e);
    events.push(...decision.right);
  };
  const order = (n: number) => `${contractId}/${n}` as OrderId;
  const signAll = (n: number) => {
    for (const role of ['laerling', 'faglig-leder', 'daglig-leder'] as const) {
      run({ type: 'RecordSignerSigned', orderId: order(n), role, signedAt: now.plus({ hours: 5 }).toUTC().toISO() as Instant }, 300);
    }
    run({ type: 'RecordDocumentArchived', archiveReference: `ARK-${i}` }, 15);
    run({ type: 'RecordVigoUpdated' }, 1);
  };
  const shared = kind === 'shared-mailbox';
  run(sampleRegistration({ contractId, seed: i + 1, county: i % 2 ? 'Telemark' : 'Østfold', parties: shared ? { 'faglig-leder': { email: EmailAddress.registered(`post@firma${i}.no`) } } : {} }), 0);
  if (kind === 'awaiting-review') return events;
  run(shared ? { type: 'CreateOrder', overrides: [{ code: 'email-shared-mailbox', reason: 'pilot', by: 'bench' }] } : { type: 'CreateOrder' });
  if (kind === 'outage') {
    run({ type: 'RecordProviderError', orderId: order(1), code: 'http-503', transient: true }, 1);
    now = now.plus({ days: 1 });
  }
  run({ type: 'RecordOrderAccepted', orderId: order(1), providerJobId: `job-${i}` }, 1);
  switch (kind) {
    case 'clean':
    case 'outage':
      signAll(1);
      break;
    case 'in-signing':
      run({ type: 'RecordSignerSigned', orderId: order(1), role: 'faglig-leder', signedAt: now.toUTC().toISO() as Instant });
      break;
    case 'wrong-mobile':
    case 'shared-mailbox':
      run({ type: 'RecordSignerSigned', orderId: order(1), role: 'daglig-leder', signedAt: now.toUTC().toISO() as Instant });
      now = toDateTime(state.orders[0]!.remindAt!); // the reminder goes out when it is planned
      run({ type: 'RecordReminderSent', orderId: order(1), role: shared ? 'faglig-leder' : 'laerling' }, 0);
      run({ type: 'ExpireOrder', orderId: order(1) }, 60 * 24 * 2);
      run(
        shared
          ? { type: 'CorrectContactData', role: 'faglig-leder', changes: { email: EmailAddress.registered(`kari.${i}@firma${i}.no`) } }
          : { type: 'CorrectContactData', role: 'laerling', changes: { mobile: MobileNumber.registered(`9${String(1_000_000 + i).slice(-7)}`) } },
        60,
      );
      run({ type: 'CreateOrder' });
      run({ type: 'RecordOrderAccepted', orderId: order(2), providerJobId: `job-${i}-2` }, 1);
      signAll(2);
      break;
    case 'start-date':
      run({ type: 'ChangeStartDate', startDate: '2026-09-15' as never });
      run({ type: 'CreateOrder' });
      run({ type: 'RecordOrderAccepted', orderId: order(2), providerJobId: `job-${i}-2` }, 1);
      signAll(2);
      break;
    case 'manual':
      run({ type: 'ExpireOrder', orderId: order(1) }, 60 * 24 * 14);
      run({ type: 'SignManually', reason: 'order-expired' }, 60 * 24 * 3);
      break;
    default:
      break;
  }
  return events;
};

/** The stored form (what a store's rows hold), as JSON text. */
export const storedForm = (histories: ContractEvent[][]): string[][] =>
  histories.map((h) => h.map((e) => JSON.stringify(encodeEvent(e))));

export type { SerializedEvent };
