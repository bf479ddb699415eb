/*
 * Download, then confirm: the signed PDF of the change that completes a contract is fetched and
 * archived before the change is confirmed, because the service may drop a job's documents once its
 * final status is confirmed (Posten's portal does, without long-term storage).
 */
import { describe, expect, it } from 'vitest';
import type { StatusChange } from '../provider/signing-provider.js';
import { ProviderUnavailable } from '../provider/errors/provider-unavailable.js';
import { UnknownJob } from '../provider/errors/unknown-job.js';
import { simulatedWorld } from './runner.fixture.js';

describe('workflow runner: download, then confirm', () => {
  it('keeps the completing change unconfirmed while the document cannot be fetched or archived, and loses no signed contract', async () => {
    let fetchOutages = 2;
    const confirmedJobs = new Set<string>();
    const completingConfirms: { stored: number }[] = [];
    const world: ReturnType<typeof simulatedWorld> = simulatedWorld({
      start: '2026-08-03T09:00',
      archiveFailures: 1,
      script: { 'DL-1': { laerling: 'signs', 'faglig-leder': 'signs', 'daglig-leder': 'signs' } },
      wrapProvider: (p) => ({
        ...p,
        async confirm(change: StatusChange) {
          if (change.jobStatus === 'COMPLETED_SUCCESSFULLY') {
            completingConfirms.push({ stored: world.archive.stored.length });
            confirmedJobs.add(change.providerJobId);
          }
          return p.confirm(change);
        },
        async fetchSignedDocument(ref) {
          if (confirmedJobs.has(ref.providerJobId)) throw new UnknownJob(ref.providerJobId); // gone once confirmed
          if (fetchOutages > 0) {
            fetchOutages--;
            throw new ProviderUnavailable(503);
          }
          return p.fetchSignedDocument(ref);
        },
      }),
    });
    const id = await world.register({ contractId: 'DL-1' });
    await world.runUntil('2026-08-12T09:00', 15, async () => (await world.state(id)).followUp?.archive.done === true && completingConfirms.length > 0);

    const state = await world.state(id);
    expect(state.status).toBe('signed-electronically');
    expect(state.followUp?.archive.done).toBe(true);
    expect(world.archive.stored).toHaveLength(1);
    expect(world.archive.stored[0]!.bytes).toBeGreaterThan(0);
    // Three failed attempts (two fetches, one archive), each on the follow-up's own schedule; no confirm before the PDF was stored.
    expect((await world.events(id)).filter((e) => e.type === 'FollowUpFailed').map((e) => e.type === 'FollowUpFailed' && e.data.code)).toEqual(['http-503', 'http-503', 'archive-unavailable']);
    expect(completingConfirms.length).toBeGreaterThan(0);
    expect(completingConfirms.every((c) => c.stored === 1)).toBe(true);
  });
});
