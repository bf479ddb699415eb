import { randomBytes } from 'node:crypto';
import { PersonalDataErased, type ContractEvent, type SerializedEvent } from '@fagsign/domain';
import { sampleRegistration } from '@fagsign/domain/testing';
import { describe, expect, it } from 'vitest';
import { handle } from '../handling/handle.js';
import { sampleContractId, sampleNow } from '../store/contract/sample-history.js';
import type { EventStore } from '../store/event-store.js';
import { StoredEventUnreadable } from '../store/errors.js';
import { getInMemoryEventStore } from '../store/memory/memory-event-store.js';
import { eraseContract, erasePerson } from './erasure.js';
import { memoryKeyStore } from './key-store.js';
import { rotateMasterKey } from './key-ring.js';
import { parseMasterKeys, singleMasterKey } from './master-keys.js';
import { protectPersonalData, storedFormSerializer } from './protected-store.js';

const master = singleMasterKey('k1', randomBytes(32));
const context = { now: sampleNow };
const by = { by: 'saksbehandler-7', reason: 'innsynsbegjæring 2026/14', now: '2026-09-01T10:00:00.000Z' as never };

const open = async (inner = getInMemoryEventStore({ serializer: storedFormSerializer }), keys = memoryKeyStore(), m = master) =>
  ({ store: await protectPersonalData(inner, keys, m), inner, keys });

const storedText = async (inner: EventStore<SerializedEvent>): Promise<string> => {
  const out: unknown[] = [];
  for await (const r of inner.readAll()) out.push(r.event);
  return JSON.stringify(out);
};

const register = async (store: EventStore<ContractEvent>, n: number) => {
  const id = sampleContractId(n);
  const command = sampleRegistration({ contractId: id, seed: n });
  await handle(store, id, command, context);
  return { id, command };
};

describe('personal data encrypted per contract', () => {
  it('stores no personal value in clear and reads every one back', async () => {
    const { store, inner } = await open();
    const { id, command } = await register(store, 1);
    const text = await storedText(inner);
    for (const party of command.parties) {
      expect(text).not.toContain(party.name);
      if (party.mobile) expect(text).not.toContain(party.mobile.reveal());
      if (party.email) expect(text.toLowerCase()).not.toContain(party.email.reveal());
      if (party.personalId) expect(text).not.toContain(party.personalId.reveal());
    }
    expect(text).toContain('$enc');
    const [first] = (await store.readStream(`contract-${id}`)).events;
    expect(first?.event.type === 'ContractRegistered' && first.event.data.parties.map((p) => [p.name, p.mobile?.reveal(), p.email?.reveal(), p.personalId?.reveal()])).toEqual(
      command.parties.map((p) => [p.name, p.mobile?.reveal(), p.email?.reveal(), p.personalId?.reveal()]),
    );
  });

  it('after erasure reads names as «slettet» and values as erased of the same kind, and refuses a new order with a typed error', async () => {
    const { store } = await open();
    const { id, command } = await register(store, 2);
    const kept = await register(store, 3);
    expect(await eraseContract(store, id, by)).toEqual({ contractId: id, erased: true });
    const [first] = (await store.readStream(`contract-${id}`)).events;
    if (first?.event.type !== 'ContractRegistered') throw new Error('expected the registration');
    for (const [i, party] of first.event.data.parties.entries()) {
      expect(party.name).toBe('«slettet»');
      expect(party.mobile?.erased ?? false).toBe(command.parties[i]!.mobile !== undefined);
      expect(party.mobile?.kind).toBe(command.parties[i]!.mobile?.kind);
      expect(party.email?.kind).toBe(command.parties[i]!.email?.kind);
      expect(String(party.mobile ?? '')).not.toContain(command.parties[i]!.mobile?.reveal() ?? '-');
    }
    await expect(handle(store, id, { type: 'CreateOrder', contractId: id } as never, context)).rejects.toBeInstanceOf(PersonalDataErased);
    const [other] = (await store.readStream(`contract-${kept.id}`)).events;
    expect(other?.event.type === 'ContractRegistered' && other.event.data.parties[0]!.name).toBe(kept.command.parties[0]!.name);
    expect(await eraseContract(store, id, by)).toEqual({ contractId: id, erased: false });
  });

  it('finds a person’s contracts by a keyed hash of the fødselsnummer and erases them all', async () => {
    const { store, keys } = await open();
    const { id, command } = await register(store, 4);
    await register(store, 5);
    const personalId = command.parties.find((p) => p.personalId !== undefined)!.personalId!.reveal();
    expect(JSON.stringify((keys as { snapshot(): unknown }).snapshot(), (_k, v) => (v instanceof Map ? [...v] : v instanceof Set ? [...v] : v))).not.toContain(personalId);
    const results = await erasePerson(store, personalId, by);
    expect(results).toEqual([{ contractId: id, erased: true }]);
  });

  it('a key table restored from a backup taken before the erasure does not bring the data back', async () => {
    const inner = getInMemoryEventStore({ serializer: storedFormSerializer });
    const keys = memoryKeyStore();
    const { store } = await open(inner, keys);
    const { id, command } = await register(store, 6);
    const backup = keys.snapshot();
    await eraseContract(store, id, by);
    keys.restore(backup);
    const reopened = await protectPersonalData(inner, keys, master);
    const [first] = (await reopened.readStream(`contract-${id}`)).events;
    expect(first?.event.type === 'ContractRegistered' && first.event.data.parties[0]!.name).toBe('«slettet»');
    expect(await keys.get(id)).toBeUndefined();
    expect(command.parties[0]!.name).not.toBe('«slettet»');
  });

  it('rotates the master key by re-wrapping data keys, without touching an event', async () => {
    const inner = getInMemoryEventStore({ serializer: storedFormSerializer });
    const keys = memoryKeyStore();
    const oldKey = randomBytes(32).toString('base64');
    const { store } = await open(inner, keys, parseMasterKeys(`old:${oldKey}`));
    const { id, command } = await register(store, 7);
    const before = await storedText(inner);
    const rotated = parseMasterKeys(`new:${randomBytes(32).toString('base64')},old:${oldKey}`);
    expect(await rotateMasterKey(keys, rotated)).toEqual({ rewrapped: 2 }); // the contract's key and the person index's
    expect(await storedText(inner)).toBe(before);
    const onlyNew = { current: 'new', keys: new Map([['new', rotated.keys.get('new')!]]) };
    const reopened = await protectPersonalData(inner, keys, onlyNew);
    const [first] = (await reopened.readStream(`contract-${id}`)).events;
    expect(first?.event.type === 'ContractRegistered' && first.event.data.parties[0]!.name).toBe(command.parties[0]!.name);
  });

  it('reads a plain event written before encryption (no flag day), and refuses a sealed value moved to another contract', async () => {
    const plain = getInMemoryEventStore();
    const { id, command } = await register(plain, 8);
    const inner = getInMemoryEventStore({ serializer: storedFormSerializer });
    for await (const r of plain.readAll()) {
      const { encodeEvent } = await import('@fagsign/domain');
      await inner.appendToStream(r.streamName, [{ event: encodeEvent(r.event) }]);
    }
    const { store } = await open(inner);
    const [first] = (await store.readStream(`contract-${id}`)).events;
    expect(first?.event.type === 'ContractRegistered' && first.event.data.parties[0]!.name).toBe(command.parties[0]!.name);

    const a = await register(store, 9);
    const b = await register(store, 10);
    const sealed = (await store.inner.readStream(`contract-${a.id}`)).events[0]!.event;
    const target = (await store.inner.readStream(`contract-${b.id}`)).events[0]!.event;
    const moved = { ...target, data: { ...(target.data as object), parties: (sealed.data as { parties: unknown }).parties } };
    await store.inner.appendToStream(`contract-${b.id}`, [{ event: moved }]);
    await expect(store.readStream(`contract-${b.id}`)).rejects.toBeInstanceOf(StoredEventUnreadable);
  });
});

describe('the sealed view', () => {
  it('reads kinds and shared values without a key, and statistics-relevant facts match the decrypted read', async () => {
    const { store } = await open();
    const { id, command } = await register(store, 11);
    const [viewed] = (await store.sealedView().readStream(`contract-${id}`)).events;
    if (viewed?.event.type !== 'ContractRegistered') throw new Error('expected the registration');
    expect(viewed.event.data.parties.map((p) => [p.role, p.mobile?.kind, p.email?.kind, p.personalId?.kind])).toEqual(
      command.parties.map((p) => [p.role, p.mobile?.kind, p.email?.kind, p.personalId?.kind]),
    );
    expect(viewed.event.data.parties.every((p) => p.name === '«slettet»')).toBe(true);
    await expect(store.sealedView().appendToStream(`contract-${id}`, [])).rejects.toThrow(/read-only/);
  });

  it("is the store's projection view: readAll with view 'projection' reads the same, without a key", async () => {
    const { store } = await open();
    await register(store, 12);
    const projected = [];
    for await (const r of store.readAll({ view: 'projection' })) projected.push(r);
    const sealed = [];
    for await (const r of store.sealedView().readAll()) sealed.push(r);
    expect(projected).toEqual(sealed);
    const registration = projected.find((r) => r.event.type === 'ContractRegistered');
    if (registration?.event.type !== 'ContractRegistered') throw new Error('expected the registration');
    expect(registration.event.data.parties.every((p) => p.name === '«slettet»')).toBe(true);
  });

  it('reads the log a page at a time in both views: the events of readAll, the erasure ledger left out, personal values decrypted only in the full view', async () => {
    const { store } = await open();
    const first = await register(store, 12);
    await register(store, 13);
    await eraseContract(store, first.id, by);
    await register(store, 14);
    for (const view of [store, store.sealedView()]) {
      const events = [];
      for await (const e of view.readAll()) events.push(e);
      const pages = [];
      for await (const page of view.readAllPages({ batchSize: 2 })) pages.push(page);
      expect(pages.every((page) => page.length > 0 && page.length <= 2)).toBe(true);
      expect(pages.flat().map((e) => e.checkpoint)).toEqual(events.map((e) => e.checkpoint));
      expect(pages.flat().every((e) => e.streamName.startsWith('contract-'))).toBe(true);
      const names = pages.flat().flatMap((e) => (e.event.type === 'ContractRegistered' ? e.event.data.parties.map((p) => p.name) : []));
      expect(names.filter((n) => n !== '«slettet»').length > 0).toBe(view === store);
    }
  });
});
