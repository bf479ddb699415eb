/*
 * An upload whose answer was lost never fails its order: the order waits (SubmissionUncertain) until
 * the status queue shows the job (adopted, or cancelled at the service if the order ended meanwhile)
 * or a person records what they found at signering.posten.no (ResolveUncertainSubmission).
 */
import { describe, expect, it } from 'vitest';
import type { EventType, OrderId } from '@fagsign/domain';
import { ProviderTimeout } from '../provider/errors/provider-timeout.js';
import type { SigningProvider } from '../provider/signing-provider.js';
import type { SigningJobRequest } from '../provider/signing-job.js';
import { simulatedWorld } from './runner.fixture.js';

const signs = { laerling: 'signs', 'faglig-leder': 'signs', 'daglig-leder': 'signs' } as const;

/** The first upload of each order reaches the service (or not, with `made: false`), but its answer is lost. */
const losingAnswers = (provider: SigningProvider, made: boolean, uploads: SigningJobRequest[]): SigningProvider => ({
  ...provider,
  fetchSignedDocument: provider.fetchSignedDocument,
  async createJob(job) {
    uploads.push(job);
    if (uploads.filter((u) => u.orderId === job.orderId).length === 1) {
      if (made) await provider.createJob(job);
      throw new ProviderTimeout(true, 'timeout');
    }
    return provider.createJob(job);
  },
});

describe('workflow runner: an upload whose answer was lost', () => {
  it('waits instead of failing the order, and adopts the job when its status changes arrive', async () => {
    const uploads: SigningJobRequest[] = [];
    const world = simulatedWorld({ start: '2026-08-03T09:00', script: { 'UN-1': signs }, wrapProvider: (p) => losingAnswers(p, true, uploads) });
    const id = await world.register({ contractId: 'UN-1' });
    await world.runner.runOnce(world.now());
    const waiting = await world.state(id);
    expect(waiting.orders[0]).toMatchObject({ status: 'created', providerErrors: 0, submission: { upload: 1 } });
    expect(waiting.orders[0]!.submission?.uncertainSince).toBeDefined();

    await world.runUntil('2026-08-12T09:00', 30, async () => (await world.state(id)).followUp?.vigo.done === true);
    const state = await world.state(id);
    expect(state.status).toBe('signed-electronically');
    expect(state.orders).toHaveLength(1);
    expect(state.orders[0]!.providerJobId).toBe(world.simulated.job('UN-1/1' as OrderId)!.providerJobId);
    expect(uploads).toHaveLength(1); // never uploaded again while in doubt
    const types = (await world.events(id)).map((e) => e.type);
    expect(types).not.toContain<EventType>('OrderFailed');
    expect(types).not.toContain<EventType>('ProviderErrorOccurred');
  });

  it('cancels the job at the service when it turns up after the order ended', async () => {
    const uploads: SigningJobRequest[] = [];
    const cancelled: string[] = [];
    let jobsVisible = false;
    const world = simulatedWorld({
      start: '2026-08-03T09:00',
      script: { 'UN-2': { laerling: 'no-response', 'faglig-leder': 'signs', 'daglig-leder': 'signs' } },
      wrapProvider: (p) => {
        const losing = losingAnswers(p, true, uploads);
        return {
          ...losing,
          // The status queue shows nothing until the clerk has ended the order.
          fetchStatusChanges: async () => (jobsVisible ? p.fetchStatusChanges() : { changes: [], nextPollAt: undefined }),
          async cancelJob(ref) {
            cancelled.push(ref.providerJobId);
            return p.cancelJob(ref);
          },
        };
      },
    });
    const id = await world.register({ contractId: 'UN-2' });
    await world.runUntil('2026-08-03T10:00', 30);
    await world.command(id, { type: 'ChangeStartDate', startDate: '2026-10-01' as never });
    jobsVisible = true;
    await world.runUntil('2026-08-04T10:00', 30);
    const order = (await world.state(id)).orders[0]!;
    expect(order).toMatchObject({ status: 'cancelled', cancelReason: 'start-date-changed', jobOpen: false });
    expect(cancelled).toEqual([world.simulated.job('UN-2/1' as OrderId)!.providerJobId]);
    expect((await world.events(id)).filter((e) => e.type === 'ProviderJobCancelled')).toHaveLength(1);
  });

  it('a person who found no job at the service lets the runner upload again (through handle), and the order is signed', async () => {
    const uploads: SigningJobRequest[] = [];
    const world = simulatedWorld({ start: '2026-08-03T09:00', script: { 'UN-3': signs }, wrapProvider: (p) => losingAnswers(p, false, uploads) });
    const id = await world.register({ contractId: 'UN-3' });
    await world.runUntil('2026-08-04T09:00', 60);
    expect(uploads).toHaveLength(1);
    expect((await world.state(id)).orders[0]).toMatchObject({ status: 'created' });

    const resolved = await world.command(id, { type: 'ResolveUncertainSubmission', orderId: 'UN-3/1' as OrderId, outcome: 'no-job', by: 'saksbehandler-1' });
    expect(resolved.newEvents.map((e) => e.type)).toEqual(['UncertainSubmissionResolved']);
    await world.runUntil('2026-08-12T09:00', 30, async () => (await world.state(id)).status === 'signed-electronically');
    expect(uploads.map((u) => u.upload)).toEqual([1, 2]);
    expect((await world.state(id)).status).toBe('signed-electronically');
  });

  it('a person who found the job adopts it by hand', async () => {
    const uploads: SigningJobRequest[] = [];
    const world = simulatedWorld({
      start: '2026-08-03T09:00',
      script: { 'UN-4': signs },
      wrapProvider: (p) => ({ ...losingAnswers(p, true, uploads), fetchStatusChanges: async () => ({ changes: [], nextPollAt: undefined }) }),
    });
    const id = await world.register({ contractId: 'UN-4' });
    await world.runUntil('2026-08-03T12:00', 60);
    const found = world.simulated.job('UN-4/1' as OrderId)!.providerJobId;
    await world.command(id, { type: 'ResolveUncertainSubmission', orderId: 'UN-4/1' as OrderId, outcome: 'job-found', providerJobId: found, by: 'saksbehandler-1' });
    expect((await world.state(id)).orders[0]).toMatchObject({ status: 'accepted', providerJobId: found });
    expect(uploads).toHaveLength(1);
  });
});
