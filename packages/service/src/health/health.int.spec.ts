import { getInMemoryEventStore, type RunnerStatus } from '@fagsign/adapters';
import { instantFromMillis } from '@fagsign/domain';
import { describe, expect, it } from 'vitest';
import { readinessOf } from '../runtime/readiness.js';
import { startHealthServer } from './http-server.js';
import { createMetrics } from './metrics.js';

const healthy: RunnerStatus = { degraded: [], lastSuccessfulPollAt: undefined, lease: { held: true, holder: 'host-a:123', expiresAt: undefined }, lag: undefined, quarantined: [] };
const degraded: RunnerStatus = {
  ...healthy,
  degraded: [{ work: 'submit-order', code: 'provider-unauthorised', fault: 'sender', since: instantFromMillis(Date.parse('2026-08-03T08:00:00Z')), message: 'The signing service refused our certificate (401)' }],
  lease: { held: false, holder: 'host-b:456', expiresAt: undefined },
  lag: 42,
  lastSuccessfulPollAt: instantFromMillis(Date.parse('2026-08-03T08:00:00Z')),
  quarantined: [{ contractId: 'LK-9' as never, reason: 'stored-event-unreadable', since: instantFromMillis(Date.parse('2026-08-03T08:00:00Z')) }],
};

const get = async (port: number, path: string) => {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
};

describe('health and metrics over HTTP', () => {
  it('is ready when the store answers, the lease is held and nothing is degraded', async () => {
    const store = getInMemoryEventStore();
    expect(await readinessOf({ stopping: false, started: true, store, status: healthy })).toMatchObject({ ready: true, reasons: [] });
  });

  it('says why it is not ready: a standby, degraded work, a closed store, stopping', async () => {
    const store = getInMemoryEventStore();
    await store.close();
    const readiness = await readinessOf({ stopping: true, started: true, store, status: degraded });
    expect(readiness.ready).toBe(false);
    expect(readiness.reasons).toEqual([
      'stopping',
      expect.stringMatching(/^store unreachable \(/),
      "standby: another process holds the runner's lease",
      "degraded: submit-order paused since 2026-08-03T08:00:00.000Z (provider-unauthorised, the county's side): The signing service refused our certificate (401)",
    ]);
  });

  it('answers 200 on live, 503 with the reasons on ready when not ready, and Prometheus text on metrics', async () => {
    const metrics = createMetrics({ runnerStatus: () => degraded, contracts: () => undefined, now: () => Date.parse('2026-08-03T08:10:00Z') });
    const server = await startHealthServer('127.0.0.1', 0, {
      ready: async () => ({ ready: false, reasons: ['degraded: submit-order paused'] }),
      metrics: async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }),
    });
    try {
      expect(await get(server.port, '/health/live')).toMatchObject({ status: 200 });
      const ready = await get(server.port, '/health/ready');
      expect(ready.status).toBe(503);
      expect(JSON.parse(ready.body)).toEqual({ ready: false, reasons: ['degraded: submit-order paused'] });
      const text = await get(server.port, '/metrics');
      expect(text.type).toMatch(/^text\/plain/);
      expect(text.body).toContain('fagsign_runner_degraded{work="submit-order",code="provider-unauthorised",fault="sender"} 1');
      expect(text.body).toContain('fagsign_lease_held 0');
      expect(text.body).toContain('fagsign_processor_lag_events 42');
      expect(text.body).toContain('fagsign_contracts_quarantined 1');
      expect(text.body).toContain('fagsign_last_successful_poll_age_seconds 600');
      expect((await get(server.port, '/nothing')).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('reports an unknown poll age and lag as NaN, not as a reassuring 0', async () => {
    const metrics = createMetrics({ runnerStatus: () => healthy, contracts: () => undefined, now: () => 0 });
    const body = await metrics.registry.metrics();
    // prom-client spells it "Nan"; Prometheus parses NaN in any case
    expect(body).toMatch(/^fagsign_last_successful_poll_age_seconds nan$/im);
    expect(body).toMatch(/^fagsign_processor_lag_events nan$/im);
    expect(body).toContain('fagsign_lease_held 1');
    expect(body).not.toMatch(/^fagsign_runner_degraded\{/m);
  });

  it('counts provider calls and errors by operation and kind', async () => {
    const metrics = createMetrics({ runnerStatus: () => healthy, contracts: () => undefined, now: () => 0 });
    let calls = 0;
    const provider = metrics.countCalls({
      name: 'fake',
      createJob: async () => {
        calls++;
        if (calls === 2) throw Object.assign(new Error('down'), { code: 'http-503' });
        return { orderId: 'LK-1/1' as never, providerJobId: '1', created: true };
      },
      cancelJob: async () => undefined,
      fetchStatusChanges: async () => ({ changes: [] }) as never,
      confirm: async () => undefined,
      fetchSignedDocument: async () => new Uint8Array(),
    });
    await provider.createJob({} as never);
    await expect(provider.createJob({} as never)).rejects.toThrow('down');
    const body = await metrics.registry.metrics();
    expect(body).toContain('fagsign_provider_calls_total{operation="createJob"} 2');
    expect(body).toContain('fagsign_provider_errors_total{operation="createJob",kind="http-503"} 1');
  });
});
