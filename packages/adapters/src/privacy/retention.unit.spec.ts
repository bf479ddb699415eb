import { instantOf, type ContractCommand, type ContractId } from '@fagsign/domain';
import { sampleRegistration } from '@fagsign/domain/testing';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { handle } from '../handling/handle.js';
import { sampleContractId, signedContractHistory } from '../store/contract/sample-history.js';
import { getInMemoryEventStore } from '../store/memory/memory-event-store.js';
import { memoryKeyStore } from './key-store.js';
import { singleMasterKey } from './master-keys.js';
import { protectPersonalData, storedFormSerializer } from './protected-store.js';
import { eraseDue, erasureDates, osloDay, retentionSchedule, type ContractEnd, type RetentionPolicy } from './retention.js';
import { eraseContract } from './erasure.js';
import { readErasureLedger } from './erasure-ledger.js';
import { StoredEventUnreadable } from '../store/errors.js';

const policy: RetentionPolicy = { signedAndArchivedMonths: 3, withdrawnMonths: 1, endedUnsignedMonths: 2 };
const zone = 'Europe/Oslo';
const start = DateTime.fromISO('2027-01-04T10:00:00', { zone }); // a Monday

/** A working day `days` after the start, at 10:00 Oslo (orders are not created in quiet hours). */
const workingDay = (days: number): DateTime => {
  let d = start.plus({ days });
  while (d.weekday > 5) d = d.plus({ days: 1 });
  return d;
};

const run = async (store: Parameters<typeof handle>[0], id: ContractId, command: ContractCommand, at: DateTime) => handle(store, id, command, { now: at });

describe('retention over a simulated year', () => {
  it('erases every ended contract on its day and none early; open contracts never', async () => {
    const store = await protectPersonalData(getInMemoryEventStore({ serializer: storedFormSerializer }), memoryKeyStore(), singleMasterKey('r', randomBytes(32)));
    const expected = new Map<string, { end: ContractEnd; endedOn: DateTime } | undefined>();
    for (let i = 0; i < 36; i++) {
      const id = sampleContractId(i + 1, 'R');
      await run(store, id, sampleRegistration({ contractId: id, seed: i + 1 }), start);
      const endDay = workingDay((i * 37) % 250);
      switch (i % 4) {
        case 0:
          await run(store, id, { type: 'WithdrawContract', reason: 'apprentice-left' }, endDay);
          expected.set(id, { end: 'withdrawn', endedOn: endDay });
          break;
        case 1: {
          const signed = endDay.plus({ hours: i % 5 });
          await run(store, id, { type: 'SignManually', reason: 'other' }, signed);
          expected.set(id, { end: 'signed-and-archived', endedOn: signed });
          break;
        }
        case 2: {
          const created = await run(store, id, { type: 'CreateOrder' }, endDay);
          const order = created.newEvents.find((e) => e.type === 'OrderCreated');
          if (order?.type !== 'OrderCreated') throw new Error('expected an order');
          await run(store, id, { type: 'CancelOrder', orderId: order.data.orderId, reason: 'staff-decision' }, endDay.plus({ hours: 1 }));
          expected.set(id, { end: 'ended-unsigned', endedOn: endDay.plus({ hours: 1 }) });
          break;
        }
        default:
          expected.set(id, undefined); // registered and still open: never erased
      }
    }

    const months = { withdrawn: policy.withdrawnMonths, 'signed-and-archived': policy.signedAndArchivedMonths, 'ended-unsigned': policy.endedUnsignedMonths };
    const erasedOn = new Map<string, string>();
    for (let day = 0; day <= 380; day++) {
      const tick = start.plus({ days: day }).set({ hour: 2 }); // the runner's nightly tick
      for (const r of await eraseDue(store, policy, instantOf(tick))) {
        expect(r.erased).toBe(true);
        expect(erasedOn.has(r.contractId)).toBe(false);
        erasedOn.set(r.contractId, tick.toISODate()!);
      }
    }

    for (const [id, end] of expected) {
      if (end === undefined) {
        expect(erasedOn.has(id)).toBe(false);
        continue;
      }
      // the first day on which the months have fully passed: never before, and not a day late
      const due = end.endedOn.plus({ months: months[end.end] }).plus({ days: 1 }).toISODate();
      expect({ id, end: end.end, on: erasedOn.get(id) }).toEqual({ id, end: end.end, on: due });
    }
    const ledger = await readErasureLedger(store.inner);
    expect(ledger.every((f) => f.trigger === 'retention' && f.by === 'fagsign-retention')).toBe(true);
    expect(ledger).toHaveLength([...expected.values()].filter(Boolean).length);
  }, 120_000);

  it('the schedule says when each ended contract will be erased, and which already were', async () => {
    const store = await protectPersonalData(getInMemoryEventStore({ serializer: storedFormSerializer }), memoryKeyStore(), singleMasterKey('r', randomBytes(32)));
    const id = sampleContractId(1, 'S');
    await run(store, id, sampleRegistration({ contractId: id, seed: 1 }), start);
    await run(store, id, { type: 'WithdrawContract', reason: 'registered-in-error' }, start);
    const [entry] = await retentionSchedule(store, policy);
    expect(entry).toMatchObject({ contractId: id, end: 'withdrawn', eraseFrom: instantOf(start.plus({ months: 1, days: 1 }).startOf('day')), erased: false });
    await eraseDue(store, policy, entry!.eraseFrom);
    expect((await retentionSchedule(store, policy))[0]!.erased).toBe(true);

    // signed electronically: the end is the archiving, not the signature
    const signed = sampleContractId(2, 'S');
    const history = signedContractHistory(signed, 2);
    await store.appendToStream(`contract-${signed}`, history.map((event) => ({ event })));
    const archived = history.find((e) => e.type === 'SignedDocumentArchived')!.data.at;
    const entry2 = (await retentionSchedule(store, policy)).find((e) => e.contractId === signed);
    expect(entry2).toMatchObject({ end: 'signed-and-archived', endedAt: archived, erased: false });
    expect(await eraseDue(store, policy, instantOf(DateTime.fromISO(entry2!.eraseFrom).minus({ milliseconds: 1 })))).toEqual([]);
    expect(await eraseDue(store, policy, entry2!.eraseFrom)).toEqual([{ contractId: signed, erased: true }]);
  });

  it('a contract with an unreadable event is left alone, and the others are still erased on time', async () => {
    const store = await protectPersonalData(getInMemoryEventStore({ serializer: storedFormSerializer }), memoryKeyStore(), singleMasterKey('r', randomBytes(32)));
    const broken = sampleContractId(1, 'Q');
    const fine = sampleContractId(2, 'Q');
    for (const id of [broken, fine]) {
      await run(store, id, sampleRegistration({ contractId: id, seed: 1 }), start);
      await run(store, id, { type: 'WithdrawContract', reason: 'apprentice-left' }, start);
    }
    // edited by hand: a fact the decoder refuses, after the withdrawal
    await store.inner.appendToStream(`contract-${broken}`, [{ event: { type: 'ContractWithdrawn', schemaVersion: 1, data: { contractId: broken, at: 'yesterday' } } }]);
    const later = instantOf(start.plus({ months: 2 }));
    expect(await eraseDue(store, policy, later)).toEqual([{ contractId: fine, erased: true }]);
    expect((await retentionSchedule(store, policy)).map((e) => e.contractId)).toEqual([fine]);
  });

  it('a repaired contract is taken on again by a running retention, without a restart', async () => {
    const inner = getInMemoryEventStore({ serializer: storedFormSerializer });
    const broken = sampleContractId(3, 'Q');
    const damage = { broken: false };
    const unreadable = (r: { streamName: string; streamVersion: number; checkpoint: string }) => new StoredEventUnreadable(r.streamName, r.streamVersion, r.checkpoint, undefined);
    // a damaged row in the contract's stream until a person repairs it
    const damaged = Object.assign(Object.create(inner) as typeof inner, {
      async *readAll(options?: Parameters<typeof inner.readAll>[0]) {
        for await (const r of inner.readAll(options)) {
          if (damage.broken && r.streamName === `contract-${broken}` && r.streamVersion === 2) throw unreadable(r);
          yield r;
        }
      },
      async readStream(name: string, options?: Parameters<typeof inner.readStream>[1]) {
        const result = await inner.readStream(name, options);
        const bad = result.events.find((r) => damage.broken && r.streamName === `contract-${broken}` && r.streamVersion === 2);
        if (bad !== undefined) throw unreadable(bad);
        return result;
      },
    });
    const store = await protectPersonalData(damaged, memoryKeyStore(), singleMasterKey('r', randomBytes(32)));
    await run(store, broken, sampleRegistration({ contractId: broken, seed: 1 }), start);
    await run(store, broken, { type: 'WithdrawContract', reason: 'apprentice-left' }, start);
    damage.broken = true;
    expect(await retentionSchedule(store, policy)).toEqual([]);
    damage.broken = false; // repaired
    expect((await retentionSchedule(store, policy)).map((e) => e.contractId)).toEqual([broken]);
    expect(await eraseDue(store, policy, instantOf(start.plus({ months: 2 })))).toEqual([{ contractId: broken, erased: true }]);
  });

  it('gives each contract its erasure date for the reports: erased with when, due from its Oslo day, open ones not at all', async () => {
    const store = await protectPersonalData(getInMemoryEventStore({ serializer: storedFormSerializer }), memoryKeyStore(), singleMasterKey('r', randomBytes(32)));
    const [ended, open, asked] = [sampleContractId(1, 'D'), sampleContractId(2, 'D'), sampleContractId(3, 'D')];
    for (const id of [ended, open, asked]) await run(store, id, sampleRegistration({ contractId: id, seed: 1 }), start);
    await run(store, ended, { type: 'WithdrawContract', reason: 'apprentice-left' }, start);
    const erasedAt = instantOf(start.plus({ days: 3 }));
    await eraseContract(store, asked, { by: 'personvernombud', reason: 'sletteanmodning', now: erasedAt });

    const dates = await erasureDates(store, policy);
    expect(Object.fromEntries(dates)).toEqual({ [ended]: { eraseFrom: instantOf(start.plus({ months: 1, days: 1 }).startOf('day')) }, [asked]: { erasedAt } });
    // the Oslo midnight is 23:00 the day before in UTC: the day shown is Oslo's
    expect(osloDay((dates.get(ended) as { eraseFrom: never }).eraseFrom)).toBe('2027-02-05');
    expect(Object.fromEntries(await erasureDates(store, undefined))).toEqual({ [asked]: { erasedAt } });
  });
});
