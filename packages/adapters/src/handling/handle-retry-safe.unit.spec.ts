import { encodeCommand, encodeEvent, InvalidCommand, type ContractCommand, type ContractEvent, type OrderId } from '@fagsign/domain';
import { describe, expect, it } from 'vitest';
import type { EventStore } from '../store/event-store.js';
import { getInMemoryEventStore } from '../store/memory/memory-event-store.js';
import { sampleContractId, sampleNow, sampleRegistration } from '../store/contract/sample-history.js';
import { handle } from './handle.js';
import { handleTE } from './handle-te.js';

/*
 * A county system that timed out resends the same command with the same command id. It must get
 * the earlier answer, not an error, and nothing may be stored twice.
 */

const context = { now: sampleNow };
const contractId = sampleContractId(7);
const streamName = `contract-${contractId}`;
const orderId = `${contractId}/1` as OrderId;

/** The memory store, counting the appends that reach it. */
const counted = (): { store: EventStore; appends: () => number } => {
  const inner = getInMemoryEventStore();
  let appends = 0;
  return {
    store: { ...inner, appendToStream: (...args) => ((appends += 1), inner.appendToStream(...args)) },
    appends: () => appends,
  };
};
const storedForm = (events: readonly ContractEvent[]) => events.map(encodeEvent);
const version = async (store: EventStore) => (await store.readStream(streamName)).currentVersion;

describe('handle: a resent command id answers the earlier result', () => {
  it('a resent RegisterContract answers the registration stored then, with no ContractAlreadyRegistered and nothing appended', async () => {
    const { store, appends } = counted();
    const first = await handle(store, contractId, sampleRegistration(contractId), context, { commandId: 'vigo-msg-1' });
    const again = await handle(store, contractId, sampleRegistration(contractId), context, { commandId: 'vigo-msg-1' });
    expect(again.alreadyHandled).toBe(true);
    expect(first.alreadyHandled).toBe(false);
    expect(storedForm(again.newEvents)).toEqual(storedForm(first.newEvents));
    expect(again.nextExpectedVersion).toBe(1);
    expect(appends()).toBe(1);
    expect(await version(store)).toBe(1);
  });

  it('a resent CreateOrder answers the order created then (its id), with no OrderAlreadyActive and nothing appended', async () => {
    const { store, appends } = counted();
    await handle(store, contractId, sampleRegistration(contractId), context);
    const first = await handle(store, contractId, { type: 'CreateOrder' }, context, { commandId: 'clerk-order-1' });
    const again = await handle(store, contractId, { type: 'CreateOrder' }, { now: context.now.plus({ minutes: 5 }) }, { commandId: 'clerk-order-1' });
    expect(again.newEvents.map((e) => e.type)).toEqual(['OrderCreated']);
    expect((again.newEvents[0] as Extract<ContractEvent, { type: 'OrderCreated' }>).data.orderId).toBe(orderId);
    expect(storedForm(again.newEvents)).toEqual(storedForm(first.newEvents));
    expect(appends()).toBe(2);
    expect(await version(store)).toBe(2);
  });

  it('a resent Record… command answers the events it stored, even after the order moved on, and records nothing twice', async () => {
    const { store, appends } = counted();
    await handle(store, contractId, sampleRegistration(contractId), context);
    await handle(store, contractId, { type: 'CreateOrder' }, context);
    const report: ContractCommand = { type: 'RecordProviderError', orderId, code: 'http-503', transient: true };
    const first = await handle(store, contractId, report, context, { commandId: 'poll-1' });
    await handle(store, contractId, { type: 'RecordOrderAccepted', orderId, providerJobId: 'job-1' }, context);
    const before = await version(store);
    const again = await handle(store, contractId, report, context, { commandId: 'poll-1' });
    expect(again.alreadyHandled).toBe(true);
    expect(storedForm(again.newEvents)).toEqual(storedForm(first.newEvents));
    // the state and version are the stream's now, for the next command
    expect(again.nextExpectedVersion).toBe(before);
    expect(again.state.orders[0]!.status).toBe('accepted');
    expect(appends()).toBe(4);
    expect(await version(store)).toBe(before);
  });

  it('the same command id for another contract is another command', async () => {
    const store = getInMemoryEventStore();
    const other = sampleContractId(8);
    await handle(store, contractId, sampleRegistration(contractId), context, { commandId: 'batch-1' });
    const result = await handle(store, other, sampleRegistration(other), context, { commandId: 'batch-1' });
    expect(result.alreadyHandled).toBe(false);
    expect(result.newEvents.map((e) => e.type)).toEqual(['ContractRegistered']);
  });
});

describe('handle: every command is decoded with the domain codecs first', () => {
  it('refuses a signedAt without an offset as InvalidCommand naming the field and rule, and appends nothing', async () => {
    const { store, appends } = counted();
    await handle(store, contractId, sampleRegistration(contractId), context);
    await handle(store, contractId, { type: 'CreateOrder' }, context);
    const poison = { type: 'RecordSignerSigned', orderId, role: 'laerling', signedAt: '2027-01-11T10:00' } as unknown as ContractCommand;
    const error = await handle(store, contractId, poison, context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidCommand);
    expect((error as InvalidCommand).violations.map((v) => v.path)).toEqual(['signedAt']);
    expect((error as InvalidCommand).violations[0]!.rule).toMatch(/offset|time zone|instant/i);
    expect(appends()).toBe(2);
    // the stream still reads: nothing poisoned it
    expect((await store.readStream(streamName)).currentVersion).toBe(2);
  });

  it('decodes a command given as plain JSON (a request body), and reports every broken field', async () => {
    const store = getInMemoryEventStore();
    const wire = JSON.parse(JSON.stringify(encodeCommand(sampleRegistration(contractId)))) as Record<string, unknown>;
    const body = { ...wire, county: 'Atlantis', startDate: '1. september' } as unknown as ContractCommand;
    const error = await handle(store, contractId, body, context).catch((e: unknown) => e);
    expect((error as InvalidCommand).violations.map((v) => v.path).sort()).toEqual(['county', 'startDate']);
    expect(await version(store)).toBe(0);
    // the body, whole, is registered: the codecs read the personal values from their text
    const registered = await handle(store, contractId, wire as unknown as ContractCommand, context);
    expect(registered.state.contract?.parties.laerling?.mobile?.reveal()).toMatch(/^\+47/);
  });

  it('refuses a RegisterContract naming another contract than the stream it is handled for', async () => {
    const store = getInMemoryEventStore();
    const error = await handle(store, contractId, sampleRegistration(sampleContractId(9)), context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidCommand);
    expect((error as InvalidCommand).violations).toEqual([{ path: 'contractId', rule: 'must be the id of the contract the command is handled for' }]);
    expect(await version(store)).toBe(0);
    expect((await store.readStream(`contract-${sampleContractId(9)}`)).currentVersion).toBe(0);
  });

  it('handleTE returns the InvalidCommand in Left', async () => {
    const result = await handleTE(getInMemoryEventStore(), contractId, { type: 'Teleport' } as unknown as ContractCommand, context)();
    expect(result._tag === 'Left' && result.left instanceof InvalidCommand && result.left.violations[0]!.path).toBe('type');
  });
});
