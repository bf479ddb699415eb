import { describe, expect, it } from 'vitest';
import type { Instant, OrderId } from '@fagsign/domain';
import { recordProviderError } from './record-provider-error.js';
import { ProviderUnavailable } from './provider-unavailable.js';
import { TooManyRequests } from './too-many-requests.js';
import { RequestRejected } from './request-rejected.js';

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
