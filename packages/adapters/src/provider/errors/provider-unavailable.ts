import { ProviderError } from './provider-error.js';

/** The service answered 5xx: the pilot's "errors at Difi". Trying again the next day worked. */
export class ProviderUnavailable extends ProviderError {
  override readonly name = 'ProviderUnavailable';
  constructor(httpStatus: number) {
    super(`http-${httpStatus}`, true, `The signing service answered ${httpStatus}`, { httpStatus });
  }
}
