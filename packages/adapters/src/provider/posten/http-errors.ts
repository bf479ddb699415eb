import { parseInstant, type Instant } from '@fagsign/domain';
import { JobAlreadyFinished } from '../errors/job-already-finished.js';
import type { ProviderError } from '../errors/provider-error.js';
import { ProviderUnauthorised } from '../errors/provider-unauthorised.js';
import { ProviderUnavailable } from '../errors/provider-unavailable.js';
import { RequestRejected } from '../errors/request-rejected.js';
import { TooManyRequests } from '../errors/too-many-requests.js';
import { UnknownJob } from '../errors/unknown-job.js';
import { errorCodeOf } from './posten-xml.js';
import type { HttpResponse } from './transport.js';

/** `X-Next-permitted-poll-time`: ISO 8601 with an offset as Posten sends it; an HTTP date is accepted too. */
export const nextPermittedPollTime = (response: HttpResponse): Instant | undefined => {
  const header = response.headers['x-next-permitted-poll-time'];
  if (header === undefined) return undefined;
  const iso = parseInstant(header.trim());
  if (typeof iso === 'string') return iso;
  const ms = Date.parse(header);
  return Number.isNaN(ms) ? undefined : (new Date(ms).toISOString() as Instant);
};

/**
 * The typed error for an answer that is not a success. `jobId` names the job a 404 or 409 is about;
 * a 409 means "already finished" only for a cancel. Without a readable 429 time, a minute from
 * `now` is the guess: polling sooner would only earn another 429.
 */
export const errorFor = (response: HttpResponse, context: { jobId?: string; cancelling?: boolean; now: () => Instant }): ProviderError => {
  const status = response.status;
  if (status === 429) {
    const at = nextPermittedPollTime(response) ?? (new Date(Date.parse(context.now()) + 60_000).toISOString() as Instant);
    return new TooManyRequests(at);
  }
  if (status >= 500) return new ProviderUnavailable(status);
  if (status === 401 || status === 403) return new ProviderUnauthorised(status);
  if (status === 409 && context.cancelling === true && context.jobId !== undefined) return new JobAlreadyFinished(context.jobId);
  if (status === 404 && context.jobId !== undefined) return new UnknownJob(context.jobId);
  return new RequestRejected(status, errorCodeOf(new TextDecoder().decode(response.body)));
};
