import { describe, expect, it } from 'vitest';
import type { Instant, OrderId } from '@fagsign/domain';
import { InvalidSigningJob } from '../provider/errors/invalid-signing-job.js';
import { JobCreationUncertain } from '../provider/errors/job-creation-uncertain.js';
import { ProviderError } from '../provider/errors/provider-error.js';
import { ProviderTimeout } from '../provider/errors/provider-timeout.js';
import { ProviderUnauthorised } from '../provider/errors/provider-unauthorised.js';
import { EnterpriseCertificateError } from '../provider/errors/enterprise-certificate-error.js';
import { ProviderUnavailable } from '../provider/errors/provider-unavailable.js';
import { RequestRejected } from '../provider/errors/request-rejected.js';
import { TooManyRequests } from '../provider/errors/too-many-requests.js';
import { UnknownJob } from '../provider/errors/unknown-job.js';
import { classifyFault, type FaultSource, type WorkKind } from './failure-policy.js';
import { PortFailure } from './port-failure.js';

const cases: [string, unknown, WorkKind, FaultSource, string, string][] = [
  ['a refused certificate on upload', new ProviderUnauthorised(401), 'submit-order', 'provider', 'sender', 'provider-unauthorised'],
  ['no access on poll', new ProviderUnauthorised(403), 'poll', 'provider', 'sender', 'provider-unauthorised'],
  ['an expired enterprise certificate on upload', new EnterpriseCertificateError('expired'), 'submit-order', 'provider', 'sender', 'certificate-expired'],
  ['an unreadable enterprise certificate on poll', new EnterpriseCertificateError('unreadable'), 'poll', 'provider', 'sender', 'certificate-unreadable'],
  ['a link the configuration refuses', new ProviderError('foreign-link', false, 'x'), 'follow-up:archive', 'provider', 'sender', 'foreign-link'],
  ['a 503 on upload', new ProviderUnavailable(503), 'submit-order', 'provider', 'transient', 'http-503'],
  ['a 429 on poll', new TooManyRequests('2026-08-03T10:00:00.000Z' as Instant), 'poll', 'provider', 'transient', 'http-429'],
  ['a connection refused before sending', new ProviderTimeout(false, 'network'), 'submit-order', 'provider', 'transient', 'network'],
  ['a time-out after the upload was sent', new ProviderTimeout(true, 'timeout'), 'submit-order', 'provider', 'uncertain', 'timeout'],
  ['an upload in doubt', new JobCreationUncertain('A/1' as OrderId), 'submit-order', 'provider', 'uncertain', 'creation-uncertain'],
  ['a 400 to an upload (the job\'s content)', new RequestRejected(400, 'INVALID'), 'submit-order', 'provider', 'order', 'http-400'],
  ['a signer the contract\'s data cannot reach (the order\'s own)', new InvalidSigningJob(['signer-unreachable:laerling']), 'submit-order', 'provider', 'order', 'invalid-job'],
  ['a title we built too long (ours)', new InvalidSigningJob(['title-length']), 'submit-order', 'provider', 'internal', 'invalid-job'],
  ['a signer list the decider built wrongly (ours)', new InvalidSigningJob(['duplicate-role']), 'submit-order', 'provider', 'internal', 'invalid-job'],
  ['the deadline passed before the job was built (not the order\'s)', new InvalidSigningJob(['deadline-passed']), 'submit-order', 'provider', 'internal', 'invalid-job'],
  ['an empty PDF from the county\'s documents()', new InvalidSigningJob(['empty-document']), 'submit-order', 'provider', 'sender', 'invalid-job'],
  ['a policy deadline beyond the service\'s 90 days', new InvalidSigningJob(['availability-too-long']), 'submit-order', 'provider', 'sender', 'invalid-job'],
  ['an unreachable signer and a job of ours built wrongly: ours', new InvalidSigningJob(['signer-unreachable:laerling', 'document-name']), 'submit-order', 'provider', 'internal', 'invalid-job'],
  ['a signed document the service no longer has', new UnknownJob('7'), 'follow-up:archive', 'provider', 'order', 'http-404'],
  ['a 400 to a confirm (our request)', new RequestRejected(400, undefined), 'poll', 'provider', 'internal', 'http-400'],
  ['a bug in the provider adapter', new TypeError('x is undefined'), 'submit-order', 'provider', 'internal', 'provider-bug'],
  ['documents() throwing', new Error('template'), 'submit-order', 'documents', 'internal', 'documents-failed'],
  ['the archive down for now', new PortFailure('archive-unavailable'), 'follow-up:archive', 'archive', 'transient', 'archive-unavailable'],
  ['the archive throwing something unexpected', new RangeError('bad'), 'follow-up:archive', 'archive', 'internal', 'archive-failed'],
  ['the notifier throwing something unexpected', new Error('boom'), 'reminder', 'notifier', 'internal', 'notifier-failed'],
];

describe('the failure policy', () => {
  it.each(cases)('%s', (_name, error, work, source, outcome, code) => {
    expect(classifyFault(error, work, source)).toMatchObject({ outcome, code });
  });

  it('never repeats an error\'s own message (it may carry personal data)', () => {
    const fault = classifyFault(new Error('ola.nordmann@bilfag.no 98765432'), 'reminder', 'notifier');
    expect(JSON.stringify(fault)).not.toMatch(/ola|98765432/);
  });
});
