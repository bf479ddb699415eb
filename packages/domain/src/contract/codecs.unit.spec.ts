import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { DateTime } from 'luxon';
import { currentSchemaVersion, decodeCommand, decodeEvent, encodeCommand, encodeEvent, EventDecodeError, storedAsIs } from './codecs.js';
import type * as t from 'io-ts';
import { eventSchemas, eventTypes, type ContractEvent } from './events.js';
import { readerOf, withoutReads } from '../model/codec-kit.js';
import { commandTypes } from './commands.js';
import { evolve } from './evolve.js';
import { replay } from './replay.js';
import { contractCommandArb, contractHistoryArb, registerContractArb } from '../testing/index.js';
import type { ContractId } from '../model/contract-id.js';

const runs = Number(process.env.FAGSIGN_PROPERTY_RUNS ?? 1000);
const sortKeys = (_k: string, v: unknown) =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v;
const stored = (value: unknown) => JSON.stringify(value, sortKeys);

describe('event codecs', () => {
  test.prop([contractHistoryArb()], { numRuns: runs })('an event read as it lies (storedAsIs) is the event decodeEvent reads, whenever it answers', (history) => {
    for (const event of history.events) {
      const json = JSON.parse(JSON.stringify(encodeEvent(event)));
      const asIs = storedAsIs(json);
      if (asIs === undefined) continue;
      const decoded = decodeEvent(json);
      expect(decoded._tag).toBe('Right');
      if (decoded._tag === 'Right') expect(stored(asIs)).toBe(stored(decoded.right));
    }
  });

  // The combinators read a value without io-ts' Either and context (readerOf) and validate with
  // full contexts only where the read refuses: the read must answer exactly what that validation
  // alone (withoutReads, as the decode was before the reads) answers.
  const leafPaths = (node: unknown, path: (string | number)[] = []): (string | number)[][] =>
    typeof node !== 'object' || node === null
      ? [path]
      : [path, ...Object.entries(node).flatMap(([key, child]) => leafPaths(child, [...path, Array.isArray(node) ? Number(key) : key]))];
  const replaced = (data: unknown, path: (string | number)[], value: unknown): unknown => {
    if (path.length === 0) return value;
    const copy = structuredClone(data) as Record<string | number, unknown>;
    let node = copy;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    if (value === undefined) delete node[path.at(-1)!];
    else node[path.at(-1)!] = value;
    return copy;
  };
  const oddValue = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(undefined, '', ' ', 'toString', '__proto__', 'a\u0000b', 'Ola  Nordmann', ' Ola', 'Ola ', '01010112345', '01010750160', '+4791234567', '91234567', 'post@firma.no', 'a@b', '«slettet»:fnr:ab', '2026-02-30', '2026-08-03T07:00:00Z', 'LK-2026-1/1', 'x'.repeat(2001)),
  );

  test.prop([contractHistoryArb(), fc.nat(), fc.nat(), oddValue, fc.boolean()], { numRuns: runs })(
    'the read answers what the decode answers, value for value, and refuses what it refuses, on stored events with one value changed',
    (history, which, where, value, change) => {
      const event = history.events[which % history.events.length]!;
      const codec = eventSchemas[event.type].data as unknown as t.Type<unknown, unknown, unknown>;
      const json = JSON.parse(JSON.stringify(encodeEvent(event).data)) as unknown;
      const paths = leafPaths(json);
      const data = change ? replaced(json, paths[where % paths.length]!, value) : json;
      const read = readerOf(codec)(data);
      const decoded = withoutReads(() => codec.decode(data));
      expect(read === undefined).toBe(decoded._tag === 'Left');
      if (decoded._tag === 'Right') {
        expect(read).toEqual(decoded.right);
        expect(stored(codec.encode(read))).toBe(stored(codec.encode(decoded.right)));
      }
    },
  );

  it('refuses a list with a hole in it, read or validated, naming the missing item', () => {
    // JSON never has holes, but a caller's object can; forEach would have skipped it (found by the property above)
    const signers = [{ role: 'laerling', channel: 'sms', group: 1 }, { role: 'faglig-leder', channel: 'email', group: 1 }];
    delete (signers as unknown[])[0];
    const data = { contractId: 'LK-2026-1', at: '2026-08-03T07:00:00.000Z', orderId: 'LK-2026-1/1', attempt: 1, validityDays: 14, deadline: '2026-08-17T07:00:00.000Z', remindAt: '2026-08-16T07:00:00.000Z', signers, overrides: [] };
    const codec = eventSchemas.OrderCreated.data as unknown as t.Type<unknown, unknown, unknown>;
    expect(readerOf(codec)(data)).toBeUndefined();
    const decoded = withoutReads(() => codec.decode(data));
    expect(decoded._tag).toBe('Left');
    const result = decodeEvent({ type: 'OrderCreated', schemaVersion: currentSchemaVersion('OrderCreated'), data });
    expect(result._tag).toBe('Left');
    if (result._tag === 'Left') expect(result.left.violations).toEqual([{ path: 'signers[0]', rule: 'is required' }]);
  });

  test.prop([contractHistoryArb()], { numRuns: runs })('every event round-trips through its stored JSON form', (history) => {
    for (const event of history.events) {
      const json = JSON.parse(JSON.stringify(encodeEvent(event)));
      const decoded = decodeEvent(json);
      expect(decoded._tag).toBe('Right');
      if (decoded._tag === 'Right') expect(stored(encodeEvent(decoded.right))).toBe(stored(encodeEvent(event)));
    }
    // and the state folded from decoded events is the state folded from the originals
    const decoded = history.events.map((e) => decodeEvent(JSON.parse(JSON.stringify(encodeEvent(e)))))
      .map((d) => (d._tag === 'Right' ? d.right : undefined)) as ContractEvent[];
    expect(stored(replay(decoded))).toBe(stored(replay(history.events)));
  });

  it('generated histories reach every event type', () => {
    const seen = new Set<string>();
    fc.assert(fc.property(contractHistoryArb({ maxSteps: 60 }), (h) => { h.events.forEach((e) => seen.add(e.type)); }), { numRuns: 400, seed: 42 });
    expect([...seen].sort()).toEqual([...eventTypes].sort());
  });

  it('names the path and the rule of a bad payload, never the value', () => {
    const result = decodeEvent({
      type: 'ContractRegistered',
      schemaVersion: 1,
      data: {
        contractId: 'LK-1', at: '2026-08-03T07:00:00.000Z', county: 'Telemark', contractType: 'laerekontrakt',
        office: { orgNumber: '974760673', name: 'OK Bilfag', kind: 'opplaeringskontor' },
        parties: [{ role: 'laerling', name: 'Ola', personalId: '01010112345' }, { role: 'rektor', name: 'X' }],
      },
    });
    expect(result._tag).toBe('Left');
    const error = (result as { left: EventDecodeError }).left;
    expect(error).toBeInstanceOf(EventDecodeError);
    expect(error.violations).toEqual([
      { path: 'parties[0].personalId', rule: 'must end with two valid mod-11 check digits' },
      { path: 'parties[1].role', rule: 'must be PartyRole' },
    ]);
    expect(error.message).not.toContain('01010112345');
  });

  it('refuses unknown types and versions it cannot read', () => {
    expect(decodeEvent({ type: 'ContractExploded', schemaVersion: 1, data: {} })).toMatchObject({ left: { violations: [{ path: 'type', rule: 'is not a known event type' }] } });
    expect(decodeEvent({ type: 'OrderCreated', schemaVersion: 3, data: {} })).toMatchObject({ left: { violations: [{ path: 'schemaVersion', rule: 'must be from 1 to 2' }] } });
  });

  test.prop([fc.string(), fc.integer({ min: -2, max: 4 }), fc.jsonValue()], { numRuns: runs })('a decoder never throws on fuzzed JSON', (type, schemaVersion, data) => {
    const chosen = [type, ...eventTypes][Math.abs(schemaVersion * 7 + type.length) % (eventTypes.length + 1)]!;
    const result = decodeEvent({ type: chosen, schemaVersion, data });
    expect(['Left', 'Right']).toContain(result._tag);
  });

  test.prop([fc.constantFrom(...eventTypes), fc.object({ maxDepth: 3 })], { numRuns: runs })('a known type with a random payload is refused with a typed error', (type, data) => {
    const result = decodeEvent({ type, schemaVersion: 1, data });
    if (result._tag === 'Left') expect(result.left.violations.length).toBeGreaterThan(0);
  });
});

describe('upcasting: OrderCreated v1, as the first release stored it', () => {
  const v1 = {
    type: 'OrderCreated',
    schemaVersion: 1,
    data: { contractId: 'LK-2025-000001', at: '2025-03-27T09:00:00.000Z', orderId: 'LK-2025-000001/1', validityDays: 7, signers: ['laerling', 'faglig-leder', 'daglig-leder'] },
  };

  it('is read as v2: deadline computed in Oslo across the DST change, channels by role, no reminder', () => {
    const decoded = decodeEvent(v1);
    expect(decoded).toMatchObject({
      _tag: 'Right',
      right: {
        type: 'OrderCreated',
        data: {
          attempt: 1,
          deadline: '2025-04-03T08:00:00.000Z', // 10:00 CET + 7 days = 10:00 CEST
          remindAt: null,
          overrides: [],
          signers: [
            { role: 'laerling', channel: 'sms', group: 1 },
            { role: 'faglig-leder', channel: 'email', group: 1 },
            { role: 'daglig-leder', channel: 'email', group: 1 },
          ],
        },
      },
    });
    // and is written back as v2
    if (decoded._tag === 'Right') expect(encodeEvent(decoded.right).schemaVersion).toBe(2);
  });

  it('a v1 order folds like any other', async () => {
    const registration = fc.sample(registerContractArb({ contractId: 'LK-2025-000001' as ContractId }), { numRuns: 1, seed: 1 })[0]!;
    const { decide } = await import('./decide.js');
    const registered = decide(registration, replay([]), { now: DateTime.fromISO('2025-03-27T09:00:00Z') });
    const order = decodeEvent(v1);
    if (registered._tag === 'Left' || order._tag === 'Left') throw new Error('setup');
    const state = evolve(replay(registered.right), order.right);
    expect(state.status).toBe('in-signing');
    expect(state.orders[0]).toMatchObject({ orderId: 'LK-2025-000001/1', status: 'created', deadline: '2025-04-03T08:00:00.000Z' });
  });

  it('a broken v1 payload is refused with the v1 rule', () => {
    const broken = { ...v1, data: { ...v1.data, signers: ['laerling', 'bestefar'] } };
    expect(decodeEvent(broken)).toMatchObject({ left: { schemaVersion: 1, violations: [{ path: 'signers[1]', rule: 'must be PartyRole' }] } });
  });
});

describe('command codecs', () => {
  const id = 'LK-2026-000042' as ContractId;
  test.prop([fc.oneof(registerContractArb({ contractId: id }), contractCommandArb(id, DateTime.fromISO('2026-08-03T09:00:00Z')))], { numRuns: runs })(
    'every command round-trips through JSON',
    (command) => {
      const json = JSON.parse(JSON.stringify(encodeCommand(command)));
      const decoded = decodeCommand(json);
      expect(decoded._tag).toBe('Right');
      if (decoded._tag === 'Right') expect(stored(encodeCommand(decoded.right))).toBe(stored(encodeCommand(command)));
    },
  );

  test.prop([fc.anything()], { numRuns: runs })('any input decodes to a command or a typed error, never a throw', (input) => {
    const result = decodeCommand(input);
    if (result._tag === 'Left') expect(result.left.violations.length).toBeGreaterThan(0);
  });

  test.prop([fc.constantFrom(...commandTypes), fc.dictionary(fc.string(), fc.jsonValue())], { numRuns: runs })('a known command with random fields is refused field by field', (type, fields) => {
    const result = decodeCommand({ ...fields, type });
    if (result._tag === 'Left') for (const v of result.left.violations) expect(v.rule.length).toBeGreaterThan(0);
  });

  it('names each field and rule in a refusal', () => {
    const result = decodeCommand({ type: 'CreateOrder', validityDays: 'fjorten', overrides: [{ code: 'email-missing' }] });
    expect(result).toMatchObject({
      left: {
        code: 'invalid-command',
        violations: [
          { path: 'validityDays', rule: 'must be number' },
          { path: 'overrides[0].reason', rule: 'is required' },
          { path: 'overrides[0].by', rule: 'is required' },
        ],
      },
    });
    expect(decodeCommand({ type: 'FlyToTheMoon' })).toMatchObject({ left: { violations: [{ path: 'type', rule: expect.stringContaining('must be one of RegisterContract') }] } });
  });
});
