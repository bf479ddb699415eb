import { ProviderError } from './provider-error.js';

/**
 * No answer in time, or the connection broke. `requestSent` tells whether the service may have
 * received the request: a job creation that timed out after sending may have created the job.
 */
export class ProviderTimeout extends ProviderError {
  override readonly name = 'ProviderTimeout';
  constructor(
    readonly requestSent: boolean,
    cause: 'timeout' | 'network',
  ) {
    super(cause, true, cause === 'timeout' ? 'The signing service did not answer in time' : 'The connection to the signing service failed');
  }
}
