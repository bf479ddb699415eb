import { describe, expect, it } from 'vitest';
import { decideOrThrow, type Instant, type OrderId } from '@fagsign/domain';
import { DateTime } from 'luxon';
import { testJob, withParty } from '../testing/jobs.js';
import { recordProviderError } from './record-provider-error.js';
import { ProviderUnavailable } from './provider-unavailable.js';
import { TooManyRequests } from './too-many-requests.js';
import { RequestRejected } from './request-rejected.js';
import { InvalidSigningJob } from './invalid-signing-job.js';
import { commandsForFailedCreation } from './record-provider-error.js';

const orderId = 'LK-2026-000123/1' as OrderId;

describe('recordProviderError', () => {
  it('carries code, transience and the service hint into the command', () => {
    expect(recordProviderError(orderId, new ProviderUnavailable(503))).toEqual({ type: 'RecordProviderError', orderId, code: 'http-503', transient: true });
    expect(recordProviderError(orderId, new TooManyRequests('2026-08-03T10:00:00.000Z' as Instant))).toEqual({
      type: 'RecordProviderError', orderId, code: 'http-429', transient: true, retryAfter: '2026-08-03T10:00:00.000Z',
    });
    expect(recordProviderError(orderId, new RequestRejected(400, 'INVALID'))).toMatchObject({ code: 'http-400', transient: false });
  });

  it('counts an error that is not a provider error as transient, without its message', () => {
    expect(recordProviderError(orderId, new Error('ola@bilfag.no broke it'))).toEqual({ type: 'RecordProviderError', orderId, code: 'unexpected', transient: true });
  });
});

describe('commandsForFailedCreation', () => {
  it('records an unreachable signer as that signer failing for missing contact information', () => {
    expect(commandsForFailedCreation(orderId, new InvalidSigningJob(['signer-unreachable:faglig-leder']))).toEqual([
      { type: 'RecordSignerFailed', orderId, role: 'faglig-leder', cause: 'contact-information-missing', source: 'provider', providerStatus: 'CONTACT_INFORMATION_MISSING' },
    ]);
  });

  it('lets the decider record a faglig leder without e-mail as missing-email, ending the order', () => {
    const job = testJob('2026-08-03T07:00:00.000Z', { change: withParty('faglig-leder', ({ email: _none, ...p }) => p) });
    const [command] = commandsForFailedCreation(job.order.orderId, new InvalidSigningJob(['signer-unreachable:faglig-leder']));
    const events = decideOrThrow(command!, job.state, { now: DateTime.fromISO('2026-08-03T07:01:00Z') });
    expect(events.map((e) => e.type)).toEqual(['SignerFailed', 'OrderFailed']);
    expect(events[0]!.data).toMatchObject({ role: 'faglig-leder', cause: 'missing-email', source: 'provider' });
  });

  it('records any other failure as a provider error', () => {
    expect(commandsForFailedCreation(orderId, new InvalidSigningJob(['signer-unreachable:laerling', 'title-length']))).toEqual([
      { type: 'RecordProviderError', orderId, code: 'invalid-job', transient: false },
    ]);
    expect(commandsForFailedCreation(orderId, new ProviderUnavailable(502))).toEqual([{ type: 'RecordProviderError', orderId, code: 'http-502', transient: true }]);
  });
});
