import { handle, PortFailure, type ReminderMessage } from '@fagsign/adapters';
import { osloZone, type ContractId, type County, type RegisterContract } from '@fagsign/domain';
import { sampleRegistration } from '@fagsign/domain/testing';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { checkConfig } from '../config/load-config.js';
import { startService } from '../runtime/service.js';
import { spellingsOf } from '../testing/personal-spellings.js';
import { createLogger } from './logger.js';

describe('the logs of a fortnight of fagsign run', () => {
  it('hold the steps of every order by its correlation id and not one personal value, in any spelling', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'trace', format: 'json', destination: { write: (line) => lines.push(line) } });
    let now = DateTime.fromISO('2026-08-03T09:00', { zone: osloZone }).toMillis();
    const clock = () => DateTime.fromMillis(now, { zone: osloZone });
    const failedOnce = new Set<string>();
    // A county notifier whose errors quote the phone number: the log must keep its code, never its message.
    const notifier = {
      async sendReminder(message: ReminderMessage) {
        if (!failedOnce.has(message.idempotencyKey)) {
          failedOnce.add(message.idempotencyKey);
          // An outage as a port reports it (PortFailure: retried); the test also checks the number never reaches the log.
          throw new PortFailure('sms-gateway-down', `SMS to ${message.to.reveal()} failed`);
        }
      },
    };
    const config = checkConfig(
      {
        store: 'memory:',
        provider: { kind: 'simulated', seed: 11, profile: { needsReminderChance: 0.4, noResponseChance: 0.15, rejectChance: 0.1 }, pollAfterEmptySeconds: 300 },
        runner: { intervalSeconds: 0.001 },
        http: { port: 0 },
        notifier,
      },
      { source: 'inline.json', env: {} },
    );
    const service = await startService(config, { logger, clock });
    const registrations: RegisterContract[] = [];
    const counties: County[] = ['Telemark', 'Østfold'];
    for (let i = 1; i <= 8; i++) {
      const registration = sampleRegistration({ contractId: `LOG-${i}`, seed: 100 + i, county: counties[i % 2]!, apprenticeBirthDate: '2008-02-29' });
      registrations.push(registration);
      await handle(service.store, registration.contractId, registration, { now: clock(), policy: config.policy });
      await handle(service.store, registration.contractId as ContractId, { type: 'CreateOrder' }, { now: clock(), policy: config.policy });
    }
    // Fourteen days and a bit, a quarter of an hour every few milliseconds, while the runner loops.
    const end = now + 15 * 86_400_000;
    while (now < end) {
      now += 15 * 60_000;
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    await service.stop();

    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const facts = new Set(entries.map((e) => e.event));
    expect(facts).toContain('OrderAccepted');
    expect(facts).toContain('SignerSigned');
    expect(facts).toContain('ReminderSent');
    expect(entries.some((e) => (e.err as { code?: string } | undefined)?.code === 'sms-gateway-down' || e.code === 'sms-gateway-down')).toBe(true);
    expect(entries.filter((e) => e.step !== undefined || e.event !== undefined).every((e) => typeof e.correlationId === 'string' && /^LOG-\d\b/.test(e.correlationId as string))).toBe(true);

    const text = lines.join('');
    const found = registrations.flatMap(spellingsOf).filter((value) => text.includes(value));
    expect(found).toEqual([]);
  });
});
