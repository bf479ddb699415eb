import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { partyRoles, type PartyRole } from '@fagsign/domain';
import { contractIdArb, contractTypeArb, countyArb, instantArb, orgNumberArb } from '@fagsign/domain/testing';
import { historyArb } from '../testing/histories.js';
import { foldEvents } from '../projection.js';
import { SnapshotUnreadable } from '../snapshot-unreadable.js';
import { contractsProjection } from './projection.js';
import { internedFlags } from './contact-flags.js';
import { officeKeyOf, type ContractsState, type ContractSummary, type OfficeInfo, type OrderSummary } from './summary.js';

/** What fagsign saved before form 2 (the state's objects, every key written out). */
const form1 = (state: ContractsState) => ({ offices: [...state.offices.values()], contracts: [...state.contracts.values()] });
/** The check the projection made before form 2: an earlier fagsign reads whatever passes it. */
const passesForm1Check = (u: unknown): boolean =>
  typeof u === 'object' && u !== null && Array.isArray((u as { offices?: unknown }).offices) && Array.isArray((u as { contracts?: unknown }).contracts);

/** A form-1 snapshot as fagsign 0.1 wrote it: late signatures, a diagnosis, a shared pair, follow-up under way. */
const form1Fixture =
  '{"offices":[{"key":"Telemark/975123456","county":"Telemark","orgNumber":"975123456","name":"OK Bilfag","kind":"opplaeringskontor"}],' +
  '"contracts":[{"contractId":"LK-2026-000001","office":"Telemark/975123456","contractType":"laerekontrakt","status":"signed-electronically",' +
  '"registeredAt":"2026-08-03T07:00:00.000Z","startDate":"2026-09-02","contacts":{"laerling":{"mobile":"norwegian","email":"missing","personalId":true},' +
  '"faglig-leder":{"mobile":"missing","email":"shared","personalId":false}},"shared":["email:faglig-leder+daglig-leder"],"contactCorrectedAt":null,' +
  '"orders":[{"orderId":"LK-2026-000001/1","createdAt":"2026-08-03T07:00:00.000Z","deadline":"2026-08-17T07:00:00.000Z","status":"expired",' +
  '"signers":{"laerling":"waiting","faglig-leder":"failed"},"retryAt":null,"providerErrors":1,"lastProviderError":"http-503","endedAt":"2026-08-17T07:00:00.000Z",' +
  '"failureCause":null,"cancelReason":null,"diagnosis":"shared-mailbox","diagnosisRole":"faglig-leder","lateSignatures":{"laerling":"2026-08-18T09:00:00.000Z"}},' +
  '{"orderId":"LK-2026-000001/2","createdAt":"2026-08-18T07:00:00.000Z","deadline":"2026-09-01T07:00:00.000Z","status":"completed",' +
  '"signers":{"laerling":"signed","faglig-leder":"signed"},"retryAt":null,"providerErrors":0,"lastProviderError":null,"endedAt":"2026-08-20T07:00:00.000Z",' +
  '"failureCause":null,"cancelReason":null,"diagnosis":null,"diagnosisRole":null}],"resigned":1,"remindersSent":2,"closedAt":"2026-08-20T07:00:00.000Z",' +
  '"manualReason":null,"withdrawalReason":null,"followUp":{"archive":{"done":true,"attempts":0,"retryAt":null,"lastError":null},' +
  '"vigo":{"done":false,"attempts":2,"retryAt":"2026-08-21T07:00:00.000Z","lastError":"http-503"}}}]}';

const throughJson = (saved: unknown): unknown => JSON.parse(JSON.stringify(saved));
const roundTrip = (state: ContractsState): ContractsState => contractsProjection.deserialize(throughJson(contractsProjection.serialize(state)));

/** Equal, and with every key in the same order (the order reports list roles in), down to each order's signers. */
const expectExact = (restored: ContractsState, state: ContractsState): void => {
  expect(restored).toEqual(state);
  expect(JSON.stringify(form1(restored))).toBe(JSON.stringify(form1(state)));
};

const start = DateTime.fromISO('2026-08-03T09:00:00Z');
const instant = instantArb(start, 200);
const orNull = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const code = fc.string({ maxLength: 12 }); // any text, quotes and backslashes included
const byRoles = <V>(value: fc.Arbitrary<V>) =>
  fc.uniqueArray(fc.constantFrom(...partyRoles), { maxLength: 4 }).chain((roles) => fc.tuple(...roles.map((role) => value.map((v) => [role, v] as const))).map((pairs) => Object.fromEntries(pairs) as Partial<Record<PartyRole, V>>));
const followUpStep = fc.record({ done: fc.boolean(), attempts: fc.nat({ max: 9 }), retryAt: orNull(instant), lastError: orNull(code) });

const orderArb: fc.Arbitrary<OrderSummary> = fc
  .record({
    orderId: fc.string({ minLength: 1, maxLength: 20 }),
    createdAt: instant,
    deadline: instant,
    status: fc.constantFrom('created', 'accepted', 'awaiting-retry', 'completed', 'failed', 'expired', 'cancelled'),
    signers: byRoles(fc.constantFrom('waiting', 'signed', 'failed')),
    retryAt: orNull(instant),
    providerErrors: fc.nat({ max: 5 }),
    lastProviderError: orNull(code),
    endedAt: orNull(instant),
    failureCause: orNull(fc.constantFrom('provider-error', 'signer-failed')),
    cancelReason: orNull(fc.constantFrom('staff-decision', 'contract-withdrawn')),
    diagnosis: orNull(fc.constantFrom('wrong-mobile', 'shared-mailbox', 'rejected')),
    diagnosisRole: orNull(fc.constantFrom(...partyRoles)),
    lateSignatures: fc.option(byRoles(instant), { nil: undefined }),
  })
  .map(({ lateSignatures, ...order }) => (lateSignatures === undefined ? order : { ...order, lateSignatures }) as OrderSummary);

/** Any state the saved form must hold: every field null and not, with and without late signatures, office names of any text. */
const stateArb: fc.Arbitrary<ContractsState> = fc
  .uniqueArray(fc.record({ county: countyArb, orgNumber: orgNumberArb, name: fc.string({ maxLength: 20 }), kind: fc.constantFrom('opplaeringskontor', 'laerebedrift') }), {
    minLength: 1,
    maxLength: 3,
    selector: (o) => officeKeyOf(o.county, o.orgNumber),
  })
  .chain((offices) => {
    const keyed: OfficeInfo[] = offices.map((o) => ({ key: officeKeyOf(o.county, o.orgNumber), ...o }));
    const contract: fc.Arbitrary<ContractSummary> = fc.record({
      contractId: contractIdArb,
      office: fc.constantFrom(...keyed.map((o) => o.key)),
      contractType: contractTypeArb,
      status: fc.constantFrom('registered', 'in-signing', 'order-ended', 'signed-electronically', 'signed-manually', 'withdrawn'),
      registeredAt: instant,
      startDate: orNull(fc.constantFrom('2026-09-01', '2027-01-15')),
      contacts: byRoles(fc.constantFrom(...internedFlags)),
      shared: orNull(fc.array(fc.constantFrom('mobile:laerling+foresatt', 'email:faglig-leder+daglig-leder'), { minLength: 1, maxLength: 2 })),
      contactCorrectedAt: orNull(instant),
      orders: fc.array(orderArb, { maxLength: 3 }),
      resigned: fc.nat({ max: 3 }),
      remindersSent: fc.nat({ max: 3 }),
      closedAt: orNull(instant),
      manualReason: orNull(fc.constantFrom('order-expired', 'signer-cannot-sign-electronically')),
      withdrawalReason: orNull(fc.constantFrom('registered-in-error', 'apprentice-withdrew')),
      followUp: orNull(fc.record({ archive: followUpStep, vigo: followUpStep })),
    }) as fc.Arbitrary<ContractSummary>;
    return fc.uniqueArray(contract, { maxLength: 6, selector: (c) => c.contractId }).map((contracts) => ({
      offices: new Map(keyed.map((o) => [o.key, o])),
      contracts: new Map(contracts.map((c) => [c.contractId as string, c])),
    }));
  });

describe('the contracts projection’s saved form', () => {
  it('round-trips exactly for random histories: deserialize(JSON(serialize(state))) is the state, keys in the same order', () => {
    fc.assert(
      fc.property(historyArb({ maxContracts: 5, maxSteps: 60 }), (history) => {
        const state = foldEvents(contractsProjection, history.events);
        expectExact(roundTrip(state), state);
      }),
      { numRuns: 100 },
    );
  });

  it('round-trips exactly for any state: every nullable field null and not, late signatures or none, office names of any text', () => {
    const seen = { lateSignatures: 0, noLateSignatures: 0, followUp: 0, diagnosisRole: 0, shared: 0, startDateNull: 0 };
    fc.assert(
      fc.property(stateArb, (state) => {
        for (const c of state.contracts.values()) {
          if (c.followUp !== null) seen.followUp++;
          if (c.shared !== null) seen.shared++;
          if (c.startDate === null) seen.startDateNull++;
          for (const o of c.orders) {
            if (o.lateSignatures === undefined) seen.noLateSignatures++;
            else seen.lateSignatures++;
            if (o.diagnosisRole !== null) seen.diagnosisRole++;
          }
        }
        const restored = roundTrip(state);
        expectExact(restored, state);
        // 'lateSignatures' stays absent where it was absent, not present and undefined
        for (const [id, c] of restored.contracts) c.orders.forEach((o, i) => expect('lateSignatures' in o).toBe('lateSignatures' in state.contracts.get(id)!.orders[i]!));
      }),
      { numRuns: 200 },
    );
    for (const [what, times] of Object.entries(seen)) expect(times, what).toBeGreaterThan(0);
  });

  it('reads contact flags back as the shared objects, and each contract’s office as the office’s own key', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        const restored = roundTrip(state);
        for (const c of restored.contracts.values()) {
          for (const flags of Object.values(c.contacts)) expect(internedFlags).toContain(flags);
          expect(c.office).toBe(restored.offices.get(c.office)!.key);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('is a new state: changing what was read back leaves the state that was saved alone', () => {
    fc.assert(
      fc.property(historyArb({ maxContracts: 3, maxSteps: 30 }), (history) => {
        const state = foldEvents(contractsProjection, history.events);
        const before = JSON.stringify(form1(state));
        const restored = contractsProjection.deserialize(contractsProjection.serialize(state)); // no JSON in between
        for (const c of restored.contracts.values()) {
          c.remindersSent++;
          for (const o of c.orders) o.signers.laerling = 'signed';
        }
        expect(JSON.stringify(form1(state))).toBe(before);
      }),
      { numRuns: 20 },
    );
  });

  it('is refused by the check an earlier fagsign makes, so a rollback says SnapshotUnreadable instead of misreading rows', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        expect(passesForm1Check(throughJson(contractsProjection.serialize(state)))).toBe(false);
        expect(passesForm1Check(throughJson(form1(state)))).toBe(true);
      }),
      { numRuns: 20 },
    );
  });

  it('still reads a snapshot an earlier fagsign saved (form 1), and saves it again in form 2', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        const fromOld = contractsProjection.deserialize(throughJson(form1(state)));
        expectExact(fromOld, state);
        expectExact(roundTrip(fromOld), state);
      }),
      { numRuns: 100 },
    );
  });

  it('reads a form-1 snapshot as fagsign 0.1 wrote it', () => {
    const saved = JSON.parse(form1Fixture);
    const state = contractsProjection.deserialize(saved);
    expect(state.offices.get('Telemark/975123456')!.name).toBe('OK Bilfag');
    const contract = state.contracts.get('LK-2026-000001')!;
    expect(contract.orders.map((o) => [o.status, o.diagnosis, o.lateSignatures])).toEqual([
      ['expired', 'shared-mailbox', { laerling: '2026-08-18T09:00:00.000Z' }],
      ['completed', null, undefined],
    ]);
    expect(contract.followUp!.vigo).toEqual({ done: false, attempts: 2, retryAt: '2026-08-21T07:00:00.000Z', lastError: 'http-503' });
    expect(contract.contacts['faglig-leder']).toEqual({ mobile: 'missing', email: 'shared', personalId: false });
    expect(JSON.stringify(form1(state))).toBe(JSON.stringify(saved));
    expectExact(roundTrip(state), state);
  });

  describe('throws SnapshotUnreadable for a malformed snapshot', () => {
    type Form2 = { form: unknown; roles: unknown[]; flags: unknown[][]; words: unknown[]; officeRows: unknown[][]; contractRows: unknown[][] };
    /** The fixture's form-2 snapshot, as parsed JSON, changed by `edit`; its one contract's row is `row`. */
    const edited = (edit: (saved: Form2, row: unknown[]) => void): unknown => {
      const saved = throughJson(contractsProjection.serialize(contractsProjection.deserialize(JSON.parse(form1Fixture)))) as Form2;
      edit(saved, saved.contractRows[0]!);
      return saved;
    };
    // where things stand in the fixture's row (the layout in saved-form.ts): two contacts, then seven fields, the follow-up’s eight, two orders
    const contacts = 6;
    const remindersSent = contacts + 1 + 2 * 2 + 3;
    const orderCount = remindersSent + 3 + 8 + 1;
    const firstOrder = orderCount + 1;
    const cases: [string, () => unknown][] = [
      ['not an object', () => 'contracts'],
      ['null', () => null],
      ['neither form', () => ({ rows: [] })],
      ['a form this code does not know', () => edited((s) => (s.form = 3))],
      ['form 2 without its contract rows', () => edited((s) => delete (s as Partial<Form2>).contractRows)],
      ['a contract row that is not an array', () => edited((s) => (s.contractRows[0] = { contractId: 'LK-2026-000001' } as never))],
      ['a contract row one value short', () => edited((_, row) => row.pop())],
      ['a contract row one value too long', () => edited((_, row) => row.push(null))],
      ['an office index out of range', () => edited((s, row) => (row[1] = s.officeRows.length))],
      ['an office row one field short', () => edited((s) => s.officeRows[0]!.pop())],
      ['the same office twice', () => edited((s) => s.officeRows.push(s.officeRows[0]!))],
      ['a contract id that is not text', () => edited((_, row) => (row[0] = 17))],
      ['the same contract twice', () => edited((s, row) => s.contractRows.push(row))],
      ['a status that is not a word’s index', () => edited((_, row) => (row[3] = 'signed-electronically'))],
      ['a word index out of range', () => edited((s, row) => (row[3] = s.words.length))],
      ['a word that is not text', () => edited((s) => (s.words[0] = 1))],
      ['a contract type that is null', () => edited((_, row) => (row[2] = null))],
      ['a negative reminder count', () => edited((_, row) => (row[remindersSent] = -1))],
      ['a fractional reminder count', () => edited((_, row) => (row[remindersSent] = 1.5))],
      ['more contacts than the row holds', () => edited((_, row) => (row[contacts] = 50))],
      ['a contact-flags index out of range', () => edited((s, row) => (row[contacts + 2] = s.flags.length))],
      ['a role this code does not know', () => edited((s) => (s.roles[0] = 'lærling'))],
      ['a contact-flags kind this code does not know', () => edited((s) => (s.flags[0]![0] = 'satellite'))],
      ['a follow-up marked neither done nor not', () => edited((_, row) => (row[orderCount - 8] = true))],
      ['more orders than the row holds', () => edited((_, row) => (row[orderCount] = 3))],
      ['a signer’s role index out of range', () => edited((_, row) => (row[firstOrder + 5] = 99))],
      ['late signatures counted as a negative number other than -1', () => edited((_, row) => (row[row.indexOf('LK-2026-000001/2') - 3] = -2))],
      ['form 1 with a contract without its id', () => ({ offices: [], contracts: [{ office: 'Telemark/975123456', orders: [] }] })],
      ['form 1 with an office that is not an object', () => ({ offices: ['Telemark'], contracts: [] })],
    ];
    it('reads the fixture unchanged (so each case below fails for its own edit)', () => {
      expectExact(contractsProjection.deserialize(edited(() => undefined)), contractsProjection.deserialize(JSON.parse(form1Fixture)));
      const row = (edited(() => undefined) as Form2).contractRows[0]!;
      expect([row[contacts], row[remindersSent], row[orderCount], row[firstOrder]]).toEqual([2, 2, 2, 'LK-2026-000001/1']);
    });
    it.each(cases)('%s', (_, saved) => {
      expect(() => contractsProjection.deserialize(saved())).toThrow(SnapshotUnreadable);
    });
  });
});
