/*
 * The failure policy end to end: a fault of the county's side (an expired certificate) or of our own
 * (a documents() function that throws, a store that is down) records nothing on any order, shows in
 * the runner's status with the reason, and clears once the work succeeds again.
 */
import { describe, expect, it } from 'vitest';
import type { ContractId, EventType } from '@fagsign/domain';
import { placeholderPdf } from '../provider/placeholder-pdf.js';
import { ProviderUnauthorised } from '../provider/errors/provider-unauthorised.js';
import type { SigningProvider } from '../provider/signing-provider.js';
import { StoreUnavailable } from '../store/errors.js';
import type { RunnerLogEntry } from './runner-context.js';
import { simulatedWorld } from './runner.fixture.js';

const signs = { laerling: 'signs', 'faglig-leder': 'signs', 'daglig-leder': 'signs' } as const;

/** Every call to the service answers 401 while `refused()` says so: the county's certificate has expired. */
const refusingSender = (provider: SigningProvider, refused: () => boolean, calls: string[]): SigningProvider => {
  const guard = <A extends unknown[], R>(name: string, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      calls.push(name);
      if (refused()) throw new ProviderUnauthorised(401);
      return call(...args);
    };
  return {
    name: provider.name,
    createJob: guard('createJob', provider.createJob),
    cancelJob: guard('cancelJob', provider.cancelJob),
    fetchStatusChanges: guard('fetchStatusChanges', provider.fetchStatusChanges),
    confirm: guard('confirm', provider.confirm),
    fetchSignedDocument: guard('fetchSignedDocument', provider.fetchSignedDocument),
  };
};

describe('workflow runner: faults that are not the order\'s', () => {
  it('an expired certificate for a day fails no order: the runner is degraded with the reason, and all three orders are signed once it is renewed', async () => {
    let certificateExpired = true;
    const calls: string[] = [];
    const log: RunnerLogEntry[] = [];
    const world = simulatedWorld({
      start: '2026-08-03T09:00',
      script: { 'EC-1': signs, 'EC-2': signs, 'EC-3': signs },
      wrapProvider: (p) => refusingSender(p, () => certificateExpired, calls),
      log: (entry) => log.push(entry),
    });
    const ids: ContractId[] = [];
    for (const n of [1, 2, 3]) ids.push(await world.register({ contractId: `EC-${n}`, seed: n }));

    await world.runUntil('2026-08-04T09:00', 30);
    for (const id of ids) {
      const events = (await world.events(id)).map((e) => e.type);
      expect(events).toEqual<EventType[]>(['ContractRegistered', 'OrderCreated']);
    }
    const status = world.runner.status();
    expect(status.degraded.map((d) => [d.work, d.code, d.fault])).toEqual([
      ['poll', 'provider-unauthorised', 'sender'],
      ['submit-order', 'provider-unauthorised', 'sender'],
    ]);
    expect(status.degraded.every((d) => d.since < '2026-08-03T07:01')).toBe(true);
    expect(status.lastSuccessfulPollAt).toBeUndefined();
    // The sender's fault pauses the uploads for the rest of a run: one createJob per run, not one per order.
    const runs = 49;
    expect(calls.filter((c) => c === 'createJob')).toHaveLength(runs);
    expect(log.filter((e) => e.step === 'degraded:submit-order')).toHaveLength(1);

    certificateExpired = false;
    await world.runUntil('2026-08-12T09:00', 30, async () => {
      for (const id of ids) if ((await world.state(id)).status !== 'signed-electronically') return false;
      return true;
    });
    for (const id of ids) {
      const state = await world.state(id);
      expect(state.status).toBe('signed-electronically');
      expect(state.orders).toHaveLength(1);
      expect(state.orders[0]!.providerErrors).toBe(0);
    }
    expect(world.runner.status().degraded).toEqual([]);
    expect(world.runner.status().lastSuccessfulPollAt).toBeDefined();
    expect(log.some((e) => e.step === 'recovered:submit-order')).toBe(true);
  });

  it('a documents() function that throws records nothing on the order, degrades the runner as internal, and the order goes out once it works', async () => {
    let broken = true;
    const world = simulatedWorld({
      start: '2026-08-03T09:00',
      script: { 'DOC-1': signs },
      documents: (contract) => {
        if (broken) throw new TypeError(`template missing for ${contract.contractId}`);
        return placeholderPdf(contract.contractId);
      },
    });
    const id = await world.register({ contractId: 'DOC-1' });
    await world.runUntil('2026-08-05T09:00', 60);
    expect((await world.events(id)).map((e) => e.type)).toEqual<EventType[]>(['ContractRegistered', 'OrderCreated']);
    expect(world.runner.status().degraded).toMatchObject([{ work: 'submit-order', code: 'documents-failed', fault: 'internal' }]);
    expect(JSON.stringify(world.runner.status())).not.toContain('template missing');

    broken = false;
    await world.runUntil('2026-08-05T10:00', 30);
    expect((await world.state(id)).orders[0]).toMatchObject({ status: 'accepted', providerErrors: 0 });
    expect(world.runner.status().degraded).toEqual([]);
  });

  it('a job we would build wrongly (an empty PDF from documents()) fails no order: the runner is degraded as the sender\'s fault until it is fixed', async () => {
    let empty = true;
    const world = simulatedWorld({
      start: '2026-08-03T09:00',
      script: { 'DOC-2': signs },
      documents: (contract) => (empty ? new Uint8Array(0) : placeholderPdf(contract.contractId)),
    });
    const id = await world.register({ contractId: 'DOC-2' });
    await world.runUntil('2026-08-04T09:00', 60);
    expect((await world.events(id)).map((e) => e.type)).toEqual<EventType[]>(['ContractRegistered', 'OrderCreated']);
    expect(world.runner.status().degraded).toMatchObject([{ work: 'submit-order', code: 'invalid-job', fault: 'sender' }]);
    expect(world.runner.status().degraded[0]!.message).toContain('empty-document');

    empty = false;
    await world.runUntil('2026-08-04T10:00', 30);
    expect((await world.state(id)).orders[0]).toMatchObject({ status: 'accepted', providerErrors: 0 });
    expect(world.runner.status().degraded).toEqual([]);
  });

  it('an order the sender\'s fault kept from the service until its deadline is not expired: nothing is recorded on it, the runner says so until a person decides', async () => {
    const world = simulatedWorld({
      start: '2026-08-03T09:00',
      wrapProvider: (p) => refusingSender(p, () => true, []),
    });
    const id = await world.register({ contractId: 'EC-9' });
    const deadline = (await world.state(id)).orders[0]!.deadline;
    await world.runUntil('2026-08-19T09:00', 240);
    expect(world.now().toUTC().toISO()! > deadline).toBe(true);

    expect((await world.events(id)).map((e) => e.type)).toEqual<EventType[]>(['ContractRegistered', 'OrderCreated']);
    const report = await world.runner.runOnce(world.now());
    expect(report.tick.expired).toBe(0);
    expect(world.runner.status().degraded).toContainEqual(expect.objectContaining({ work: 'expire-order', code: 'order-not-sent', fault: 'internal' }));

    // A person ends it (a new order or paper): the reason clears.
    await world.command(id, { type: 'CancelOrder', orderId: (await world.state(id)).orders[0]!.orderId, reason: 'staff-decision' });
    await world.runner.runOnce(world.now());
    expect(world.runner.status().degraded.map((d) => d.work)).not.toContain('expire-order');
  });

  it('a run the store cannot finish shows as degraded until a run succeeds, and start() keeps going', async () => {
    let storeDown = false;
    const world = simulatedWorld({
      start: '2026-08-03T09:00',
      wrapStore: (store) => ({
        ...store,
        kind: store.kind,
        readAll: (options) => {
          if (storeDown) throw new StoreUnavailable('memory', 'readAll', new Error('disk full'));
          return store.readAll(options);
        },
        readAllPages: (options) => {
          if (storeDown) throw new StoreUnavailable('memory', 'readAll', new Error('disk full'));
          return store.readAllPages(options);
        },
        readStream: (name, options) => store.readStream(name, options),
        appendToStream: (name, events, options) => store.appendToStream(name, events, options),
        subscribe: (options) => store.subscribe(options),
        loadProjection: (name) => store.loadProjection(name),
        saveProjection: (name, snapshot) => store.saveProjection(name, snapshot),
        close: () => store.close(),
      }),
    });
    await world.runner.runOnce(world.now());
    storeDown = true;
    const errors: unknown[] = [];
    const loop = world.runner.start({ intervalMs: 5, clock: world.now, onError: (e) => errors.push(e) });
    while (errors.length < 2) await new Promise((r) => setTimeout(r, 5));
    expect(world.runner.status().degraded).toMatchObject([{ work: 'run', fault: 'internal' }]);
    storeDown = false;
    const seen = errors.length;
    await new Promise((r) => setTimeout(r, 50));
    await loop.stop();
    expect(errors.length).toBeLessThanOrEqual(seen + 1);
    expect(world.runner.status().degraded).toEqual([]);
  });
});
