import { ProviderUnavailable } from '@fagsign/adapters';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { errorFields, runnerLogTo } from './runner-log.js';
import { eventLogLine } from './event-log.js';
import { sampleRegistration } from '@fagsign/domain/testing';

const capture = (format: 'json' | 'pretty', level = 'info') => {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level, format, destination: { write: (line) => lines.push(line) } }) };
};

describe('the service log', () => {
  it('writes one JSON object a line, with the level as a word and an ISO time', () => {
    const { lines, logger } = capture('json');
    logger.info({ orderId: 'LK-1/1' }, 'hello');
    logger.debug('not at info');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', msg: 'hello', orderId: 'LK-1/1', service: 'fagsign', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
  });

  it('maps a runner entry to a level by its outcome, with the order as correlation id', () => {
    const { lines, logger } = capture('json', 'debug');
    const log = runnerLogTo(logger);
    log({ at: '2026-08-03T07:00:00.000Z', step: 'reminder', outcome: 'failed', contractId: 'LK-1' as never, orderId: 'LK-1/1', role: 'laerling', code: 'sms-down' });
    log({ at: '2026-08-03T07:00:00.000Z', step: 'status-change', outcome: 'skipped', code: 'not-our-job' });
    expect(lines.map((l) => JSON.parse(l))).toMatchObject([
      { level: 'warn', correlationId: 'LK-1/1', step: 'reminder', outcome: 'failed', role: 'laerling', code: 'sms-down' },
      { level: 'debug', step: 'status-change', outcome: 'skipped', code: 'not-our-job' },
    ]);
  });

  it("keeps a foreign error's type, code and frames but never its message, which may quote a phone number", () => {
    const fields = errorFields(Object.assign(new Error('could not reach 41234567 (Ola Nordmann)'), { code: 'ECONNREFUSED' }));
    expect(JSON.stringify(fields)).not.toMatch(/41234567|Ola|Nordmann/);
    expect(fields).toMatchObject({ err: { type: 'Error', code: 'ECONNREFUSED', frames: expect.arrayContaining([expect.stringMatching(/^at /)]) } });
  });

  it('keeps the message of our own typed errors, written without personal data', () => {
    expect(errorFields(new ProviderUnavailable(503))).toMatchObject({ err: { type: 'ProviderUnavailable', code: 'http-503', httpStatus: 503, message: expect.any(String) } });
  });

  it('censors a personal field that reaches the logger by mistake', () => {
    const { lines, logger } = capture('json');
    logger.info({ mobile: '41234567', signer: { email: 'kari@firma.no' } }, 'oops');
    expect(lines[0]).not.toMatch(/41234567|kari@firma/);
  });

  it('has a short pretty form for a terminal', () => {
    const { lines, logger } = capture('pretty');
    logger.warn({ orderId: 'LK-1/1', code: 'http-503' }, 'submit-order failed');
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} WARN  submit-order failed  orderId=LK-1\/1 code=http-503\n$/);
  });

  it('logs a new fact by its ids and codes only: no party, no override reason, no clerk', () => {
    const { lines, logger } = capture('json');
    const registration = sampleRegistration({ contractId: 'LK-7', seed: 7, county: 'Møre og Romsdal' });
    eventLogLine(logger, { type: 'ContractRegistered', data: { ...registration, at: '2026-08-03T07:00:00.000Z' } } as never);
    eventLogLine(logger, {
      type: 'OrderCreated',
      data: { contractId: 'LK-7', at: '2026-08-03T07:00:00.000Z', orderId: 'LK-7/1', attempt: 1, overrides: [{ code: 'shared-mailbox', reason: 'Kari Fagleder sa det var greit', by: 'Siri Saksbehandler' }] },
    } as never);
    const [registered, created] = lines.map((l) => JSON.parse(l));
    expect(registered).toMatchObject({ event: 'ContractRegistered', correlationId: 'LK-7', county: 'Møre og Romsdal' });
    expect(created).toMatchObject({ event: 'OrderCreated', correlationId: 'LK-7/1', orderId: 'LK-7/1', attempt: 1 });
    expect(lines.join('')).not.toMatch(/Ola|Nordmann|Kari|Siri|firma7|parties|overrides/);
  });
});
