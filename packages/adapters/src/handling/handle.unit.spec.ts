import { ContractNotRegistered, PreflightBlocked, type ContractCommand, type ContractEvent } from '@fagsign/domain';
import { describe, expect, it } from 'vitest';
import type { EventStore } from '../store/event-store.js';
import { StoreUnavailable, VersionConflict } from '../store/errors.js';
import { getInMemoryEventStore } from '../store/memory/memory-event-store.js';
import { sampleContractId, sampleNow, sampleRegistration } from '../store/contract/sample-history.js';
import { handle } from './handle.js';
import { handleTE } from './handle-te.js';
import { backoffDelay, defaultRetryPolicy } from './retry.js';
import { commandEventId } from './command-event-ids.js';

const context = { now: sampleNow };
const contractId = sampleContractId(42);
const streamName = `contract-${contractId}`;

/** A store on which someone else always appends first. */
const alwaysBeaten = (store: EventStore, counter: { appends: number }): EventStore => ({
  ...store,
  appendToStream: async (stream, _events, options) => {
    counter.appends++;
    throw new VersionConflict(stream, options?.expectedVersion ?? 'any', 99);
  },
});

describe('handle', () => {
  it('appends the decided events with the version read, and returns them with the next version and state', async () => {
    const store = getInMemoryEventStore();
    const registered = await handle(store, contractId, sampleRegistration(contractId), context, { correlationId: 'vigo-import-7', commandId: 'cmd-1' });
    expect(registered.newEvents.map((e) => e.type)).toEqual(['ContractRegistered']);
    expect(registered.nextExpectedVersion).toBe(1);
    expect(registered.attempts).toBe(1);
    expect(registered.state.contract?.contractId).toBe(contractId);

    const ordered = await handle(store, contractId, { type: 'CreateOrder' }, context);
    expect(ordered.newEvents.map((e) => e.type)).toEqual(['OrderCreated']);
    expect(ordered.nextExpectedVersion).toBe(2);
    const [first] = (await store.readStream(streamName)).events;
    expect(first!.metadata).toMatchObject({ correlationId: 'vigo-import-7', causationId: 'cmd-1', eventId: commandEventId(streamName, 'cmd-1', 0) });
  });

  it('throws the decider refusal as its typed DomainError and writes nothing', async () => {
    const store = getInMemoryEventStore();
    await expect(handle(store, contractId, { type: 'CreateOrder' }, context)).rejects.toBeInstanceOf(ContractNotRegistered);
    const registration = sampleRegistration(contractId) as Extract<ContractCommand, { type: 'RegisterContract' }>;
    const parties = registration.parties.map(({ mobile: _mobile, ...party }) => party);
    await handle(store, contractId, { ...registration, parties }, context);
    await expect(handle(store, contractId, { type: 'CreateOrder' }, context)).rejects.toBeInstanceOf(PreflightBlocked);
    expect((await store.readStream(streamName)).currentVersion).toBe(1);
  });

  it('handling the same command id twice stores its events once', async () => {
    const store = getInMemoryEventStore();
    await handle(store, contractId, sampleRegistration(contractId), context);
    const { newEvents } = await handle(store, contractId, { type: 'CreateOrder' }, context);
    const orderId = (newEvents[0] as Extract<ContractEvent, { type: 'OrderCreated' }>).data.orderId;
    // the signing service's answer, delivered twice under one message id: deciding again would count a second error
    const report = { type: 'RecordProviderError' as const, orderId, code: 'http-503', transient: true };
    const first = await handle(store, contractId, report, context, { commandId: 'poll-17' });
    const again = await handle(store, contractId, report, context, { commandId: 'poll-17' });
    expect(first.newEvents.map((e) => e.type)).toContain('ProviderErrorOccurred');
    expect(again.newEvents).toEqual(first.newEvents);
    expect(again.alreadyHandled).toBe(true);
    expect(again.nextExpectedVersion).toBe(first.nextExpectedVersion);
    expect((await store.readStream(streamName)).currentVersion).toBe(first.nextExpectedVersion);
    // a new message id is a new report
    const other = await handle(store, contractId, report, context, { commandId: 'poll-18' });
    expect(other.nextExpectedVersion).toBeGreaterThan(first.nextExpectedVersion);
  });

  it('gives up with the VersionConflict after the bounded retries, backing off in between', async () => {
    const counter = { appends: 0 };
    const store = getInMemoryEventStore();
    await handle(store, contractId, sampleRegistration(contractId), context);
    const beaten = alwaysBeaten(store, counter);
    const started = Date.now();
    await expect(handle(beaten, contractId, { type: 'CreateOrder' }, context, { retry: { maxRetries: 3, initialDelayMs: 20 } })).rejects.toBeInstanceOf(VersionConflict);
    expect(counter.appends).toBe(4);
    // waits of at least 10, 20 and 40 ms (half of each ceiling is fixed)
    expect(Date.now() - started).toBeGreaterThanOrEqual(65);
  });

  it('backs off exponentially up to the ceiling, with at most half of each delay random', () => {
    expect([1, 2, 3].map((retry) => backoffDelay(defaultRetryPolicy, retry, () => 0))).toEqual([2.5, 5, 10]);
    expect(backoffDelay(defaultRetryPolicy, 20, () => 1)).toBe(defaultRetryPolicy.maxDelayMs);
  });
});

describe('handleTE', () => {
  it('returns refusals and store errors in Left, the result in Right', async () => {
    const store = getInMemoryEventStore();
    const refused = await handleTE(store, contractId, { type: 'CreateOrder' }, context)();
    expect(refused._tag === 'Left' && refused.left instanceof ContractNotRegistered).toBe(true);
    const done = await handleTE(store, contractId, sampleRegistration(contractId), context)();
    expect(done._tag === 'Right' && done.right.newEvents.map((e: ContractEvent) => e.type)).toEqual(['ContractRegistered']);
    await store.close();
    const closed = await handleTE(store, contractId, { type: 'CreateOrder' }, context)();
    expect(closed._tag === 'Left' && closed.left instanceof StoreUnavailable).toBe(true);
  });
});
