import { ProviderError } from './provider-error.js';

/** 401/403: the enterprise certificate is not accepted, or the sender lacks access. A person must act. */
export class ProviderUnauthorised extends ProviderError {
  override readonly name = 'ProviderUnauthorised';
  constructor(httpStatus: number) {
    super(`http-${httpStatus}`, false, `The signing service refused the sender (${httpStatus})`, { httpStatus });
  }
}
