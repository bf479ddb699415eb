import { ProviderError } from './provider-error.js';

/**
 * 400 (or another 4xx without a meaning of its own): the service found the request invalid. Sending
 * it again will not help. `serviceCode` is the service's own error code, kept only when it looks
 * like a code (letters, digits, `_`, `-`), so no echoed personal data can ride along.
 */
export class RequestRejected extends ProviderError {
  override readonly name = 'RequestRejected';
  constructor(
    httpStatus: number,
    readonly serviceCode: string | undefined,
  ) {
    super(`http-${httpStatus}`, false, `The signing service rejected the request (${httpStatus}${serviceCode ? `, ${serviceCode}` : ''})`, {
      httpStatus,
    });
  }
}
