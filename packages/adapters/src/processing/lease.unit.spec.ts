import { describe, expect, it } from 'vitest';
import { getInMemoryEventStore } from '../store/memory/memory-event-store.js';
import { fencedPort } from '../workflow/fenced.js';
import { projectionCheckpoints } from './checkpoint-stores.js';
import { processLease } from './lease.js';
import { LeaseLost } from './lease-lost.js';

describe('the processor lease', () => {
  it('one holder at a time; a holder whose lease ran out and was taken stops before its next outside call', async () => {
    let now = 1_000_000;
    const clock = () => now;
    const checkpoints = projectionCheckpoints(getInMemoryEventStore(), clock);
    const a = processLease(checkpoints, 'runner', 'A', 3000, clock);
    const b = processLease(checkpoints, 'runner', 'B', 3000, clock);
    expect(await a.hold()).toBe(true);
    expect(await b.hold()).toBe(false);
    expect(b.view()).toMatchObject({ held: false, holder: 'A' });

    let calls = 0;
    const provider = fencedPort({ createJob: async () => ++calls }, a);
    await provider.createJob();
    now += 2000; // renewal due (a third of its life): the next call renews
    await provider.createJob();
    now += 2500;
    expect(await b.hold()).toBe(false); // renewed 2.5 s ago: still A's
    now += 3000; // A paused for longer than the lease's life; B takes over
    expect(await b.hold()).toBe(true);
    await expect(provider.createJob()).rejects.toBeInstanceOf(LeaseLost);
    expect(calls).toBe(2);
    expect(await checkpoints.save('runner', { checkpoint: '1', state: null }, 'A')).toBe(false);
    expect(await checkpoints.save('runner', { checkpoint: '1', state: null }, 'B')).toBe(true);
  });

  it('a released lease is free at once', async () => {
    const checkpoints = projectionCheckpoints(getInMemoryEventStore());
    const a = processLease(checkpoints, 'runner', 'A', 60_000);
    const b = processLease(checkpoints, 'runner', 'B', 60_000);
    expect(await a.hold()).toBe(true);
    await a.release();
    expect(await b.hold()).toBe(true);
    expect(a.view().held).toBe(false);
  });
});
