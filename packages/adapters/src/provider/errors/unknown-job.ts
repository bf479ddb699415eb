import { ProviderError } from './provider-error.js';

/** 404: the service does not know the job (or a confirmation it was asked for). */
export class UnknownJob extends ProviderError {
  override readonly name = 'UnknownJob';
  constructor(readonly providerJobId: string) {
    super('http-404', false, `The signing service does not know job ${providerJobId}`, { httpStatus: 404 });
  }
}
