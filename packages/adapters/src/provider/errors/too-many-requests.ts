import type { Instant } from '@fagsign/domain';
import { ProviderError } from './provider-error.js';

/** 429: polled before the permitted time. Poll again at `nextPermittedPollTime`, not before. */
export class TooManyRequests extends ProviderError {
  override readonly name = 'TooManyRequests';
  constructor(readonly nextPermittedPollTime: Instant) {
    super('http-429', true, `Polled too early; the next poll is permitted at ${nextPermittedPollTime}`, {
      httpStatus: 429,
      retryAfter: nextPermittedPollTime,
    });
  }
}
