import {
  EmailAddress,
  MobileNumber,
  orgNumberCheckDigit,
  type ContractEvent,
  type ContractId,
  type ContractType,
  type County,
  type DisplayName,
  type Office,
  type OrderId,
  type OrgNumber,
} from '@fagsign/domain';
import { scenario } from '../src/testing/scenario.js';

/*
 * A realistic log for benchmarks, shaped like the pilot: most contracts sign on the first order,
 * some need a new order (wrong mobile, shared mailbox, new start date, service errors), a few end
 * on paper or are withdrawn, and some are still out for signing or awaiting review. Each story is
 * decided once by the domain, then copied under new contract ids and offices, and the copies are
 * interleaved as a real log interleaves contracts.
 */

type Story = (s: ReturnType<typeof scenario>, id: string, type: ContractType) => void;

const accept = (s: ReturnType<typeof scenario>, id: string) => s.run(id, { type: 'RecordOrderAccepted', orderId: s.order(id), providerJobId: `job-${id}` });
const follow = (s: ReturnType<typeof scenario>, id: string) => {
  s.wait({ minutes: 20 });
  s.run(id, { type: 'RecordDocumentArchived', archiveReference: `ARK-${id}` });
  s.run(id, { type: 'RecordVigoUpdated' });
};
const register = (s: ReturnType<typeof scenario>, id: string, type: ContractType) => s.register(id, { county: 'Telemark', office: 'bilfag', type });

const clean = (days: number, reminder = false): Story => (s, id, type) => {
  register(s, id, type);
  s.wait({ days: 1 });
  s.run(id, { type: 'CreateOrder' });
  accept(s, id);
  s.wait({ hours: days * 24 });
  if (reminder) s.run(id, { type: 'RecordReminderSent', orderId: s.order(id), role: type === 'laerekontrakt' ? 'laerling' : 'kandidat' });
  s.wait({ hours: 3 });
  s.signAll(id);
  follow(s, id);
};

const stories: [weight: number, story: Story][] = [
  [20, clean(0.2)],
  [15, clean(1)],
  [10, clean(3)],
  [8, clean(12, true)],
  [5, (s, id, type) => {
    // wrong mobile: the order expires, the clerk corrects the number, a new order is signed
    register(s, id, type);
    s.run(id, { type: 'CreateOrder' });
    accept(s, id);
    s.wait({ days: 15 });
    s.run(id, { type: 'ExpireOrder', orderId: s.order(id) });
    s.run(id, { type: 'CorrectContactData', role: type === 'laerekontrakt' ? 'laerling' : 'kandidat', changes: { mobile: MobileNumber.registered('97531864') } });
    s.run(id, { type: 'CreateOrder' });
    accept(s, id);
    s.wait({ days: 1 });
    s.signAll(id);
    follow(s, id);
  }],
  [3, (s, id, type) => {
    // shared mailbox: found after expiry, corrected, signed
    register(s, id, type);
    s.run(id, { type: 'CreateOrder' });
    accept(s, id);
    s.wait({ days: 15 });
    s.run(id, { type: 'ExpireOrder', orderId: s.order(id) });
    s.run(id, { type: 'RecordSignerFailed', orderId: s.order(id), role: 'faglig-leder', cause: 'shared-mailbox', source: 'staff' });
    s.run(id, { type: 'CorrectContactData', role: 'faglig-leder', changes: { email: EmailAddress.registered('leder.personlig@bedrift.no') } });
    s.run(id, { type: 'CreateOrder' });
    accept(s, id);
    s.wait({ days: 2 });
    s.signAll(id);
    follow(s, id);
  }],
  [3, (s, id, type) => {
    // a new start date: cancelled, new order, signed
    register(s, id, type);
    s.run(id, { type: 'CreateOrder' });
    accept(s, id);
    s.wait({ days: 2 });
    s.run(id, { type: 'ChangeStartDate', startDate: s.now.plus({ days: 40 }).toISODate() as never });
    s.run(id, { type: 'CreateOrder' });
    accept(s, id);
    s.wait({ days: 1 });
    s.signAll(id);
    follow(s, id);
  }],
  [4, (s, id, type) => {
    // an error at the service, retried the next working day
    register(s, id, type);
    s.run(id, { type: 'CreateOrder' });
    s.run(id, { type: 'RecordProviderError', orderId: s.order(id), code: 'http-503', transient: true });
    s.wait({ days: 1 });
    accept(s, id);
    s.wait({ days: 2 });
    s.signAll(id);
    follow(s, id);
  }],
  [2, (s, id, type) => {
    // a permanent error: a new order the next day
    register(s, id, type);
    s.run(id, { type: 'CreateOrder' });
    s.run(id, { type: 'RecordProviderError', orderId: s.order(id), code: 'http-500', transient: false });
    s.wait({ days: 1 });
    s.run(id, { type: 'CreateOrder' });
    accept(s, id);
    s.wait({ days: 1 });
    s.signAll(id);
    follow(s, id);
  }],
  [3, (s, id, type) => {
    // expired, then signed on paper
    register(s, id, type);
    s.run(id, { type: 'CreateOrder' });
    accept(s, id);
    s.wait({ days: 15 });
    s.run(id, { type: 'ExpireOrder', orderId: s.order(id) });
    s.wait({ days: 3 });
    s.run(id, { type: 'SignManually', reason: 'order-expired' });
  }],
  [2, (s, id, type) => {
    register(s, id, type);
    s.wait({ days: 4 });
    s.run(id, { type: 'WithdrawContract', reason: 'apprentice-left' });
  }],
  [10, (s, id, type) => {
    // out for signing: one signer has signed, a reminder went out
    register(s, id, type);
    s.run(id, { type: 'CreateOrder' });
    accept(s, id);
    s.wait({ days: 2 });
    s.run(id, { type: 'RecordSignerSigned', orderId: s.order(id), role: 'faglig-leder', signedAt: s.now.toUTC().toISO() as never });
    s.wait({ days: 10 });
    s.run(id, { type: 'RecordReminderSent', orderId: s.order(id), role: type === 'laerekontrakt' ? 'laerling' : 'kandidat' });
  }],
  [8, (s, id, type) => register(s, id, type)],
];

const templates = (): { weight: number; type: ContractType; events: ContractEvent[] }[] =>
  stories.flatMap(([weight, story], n) =>
    (['laerekontrakt', 'opplaeringskontrakt'] as const).map((type) => {
      const s = scenario('2026-08-03T09:00');
      story(s, `T-${n}-${type}`, type);
      return { weight: type === 'laerekontrakt' ? weight * 4 : weight, type, events: s.events };
    }),
  );

const counties: County[] = ['Telemark', 'Østfold', 'Agder', 'Vestland', 'Innlandet', 'Rogaland', 'Trøndelag', 'Nordland', 'Akershus', 'Buskerud', 'Vestfold'];

/** Sixty offices with valid organisation numbers, spread over eleven counties. */
export const benchOffices = (): { county: County; office: Office }[] => {
  const out: { county: County; office: Office }[] = [];
  for (let n = 10_000_000; out.length < 60; n++) {
    const eight = String(n + 80_000_000);
    const check = orgNumberCheckDigit(eight);
    if (check === undefined) continue;
    out.push({ county: counties[out.length % counties.length]!, office: { orgNumber: `${eight}${check}` as OrgNumber, name: `Opplæringskontoret ${out.length + 1}` as DisplayName, kind: 'opplaeringskontor' } });
  }
  return out;
};

/** A seeded generator, so every run folds the same log. */
const mulberry32 = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/**
 * The contact data a copy's registration carries: `shared`, the template's own (every apprentice has the
 * same mobile number, so a store's decode judges one number and then finds it in its cache), or
 * `distinct`, as in a county's log: each contract's apprentice has a mobile number of their own and each
 * leader an e-mail address of their own, so every number is judged by the numbering plan once.
 */
export type BenchContacts = 'distinct' | 'shared';

/** The n-th distinct Norwegian mobile number: 9 and seven digits, a range the numbering plan gives to mobiles. */
const distinctMobile = (n: number): MobileNumber => MobileNumber.registered(`9${String(n % 10_000_000).padStart(7, '0')}`);

const withOwnContacts = (data: Record<string, unknown>, n: number): void => {
  if (Array.isArray(data.parties)) {
    data.parties = (data.parties as Record<string, unknown>[]).map((party, i) => ({
      ...party,
      ...(party.mobile === undefined ? {} : { mobile: distinctMobile(n) }),
      ...(party.email === undefined ? {} : { email: EmailAddress.registered(`${party.role as string}.${n}.${i}@bedrift${n % 997}.no`) }),
    }));
  }
  const changes = data.changes as Record<string, unknown> | undefined;
  if (changes !== undefined) {
    // a correction gives the contract a number (or address) nobody else has, either
    data.changes = { ...changes, ...(changes.mobile === undefined ? {} : { mobile: distinctMobile(n + 5_000_000) }), ...(changes.email === undefined ? {} : { email: EmailAddress.registered(`rettet.${n}@bedrift${n % 997}.no`) }) };
  }
};

const copy = (event: ContractEvent, contractId: ContractId, place: { county: County; office: Office }, contacts: BenchContacts, n: number): ContractEvent => {
  const data: Record<string, unknown> = { ...event.data, contractId };
  const orderId = (event.data as { orderId?: string }).orderId;
  if (orderId !== undefined) data.orderId = `${contractId}${orderId.slice(orderId.lastIndexOf('/'))}` as OrderId;
  const previous = (event.data as { previousOrderId?: string }).previousOrderId;
  if (previous !== undefined) data.previousOrderId = `${contractId}${previous.slice(previous.lastIndexOf('/'))}` as OrderId;
  if (event.type === 'ContractRegistered') {
    data.county = place.county;
    data.office = place.office;
  }
  if (contacts === 'distinct') withOwnContacts(data, n);
  return { type: event.type, data } as ContractEvent;
};

/**
 * At least `count` events (stopping at the end of a contract), interleaved across `inFlight`
 * contracts at a time, in a fixed order for a given seed. Contacts are `distinct` unless asked
 * otherwise: a county's log, not a kinder one.
 */
export const benchLog = (count: number, { seed = 42, inFlight = 5000, contacts = 'distinct' }: { seed?: number; inFlight?: number; contacts?: BenchContacts } = {}): ContractEvent[] => {
  const random = mulberry32(seed);
  const all = templates();
  const totalWeight = all.reduce((n, t) => n + t.weight, 0);
  const pickTemplate = () => {
    let r = random() * totalWeight;
    for (const t of all) if ((r -= t.weight) < 0) return t;
    return all[all.length - 1]!;
  };
  const offices = benchOffices();
  const log: ContractEvent[] = [];
  let contracts = 0;
  const start = () => {
    contracts++;
    const id = `LK-2026-${String(contracts).padStart(7, '0')}` as ContractId;
    const place = offices[Math.floor(random() * offices.length)]!;
    return { events: pickTemplate().events.map((e) => copy(e, id, place, contacts, contracts)), next: 0 };
  };
  const cursors = Array.from({ length: inFlight }, start);
  while (cursors.length > 0) {
    const i = Math.floor(random() * cursors.length);
    const cursor = cursors[i]!;
    log.push(cursor.events[cursor.next++]!);
    if (cursor.next === cursor.events.length) {
      if (log.length < count) cursors[i] = start();
      else cursors.splice(i, 1);
    }
  }
  return log;
};
