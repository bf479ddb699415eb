import { ProviderError } from './provider-error.js';

/** 409 on cancel: the job had already ended (signed, expired, failed or cancelled) at the service. */
export class JobAlreadyFinished extends ProviderError {
  override readonly name = 'JobAlreadyFinished';
  constructor(readonly providerJobId: string) {
    super('already-finished', false, `Signing job ${providerJobId} had already finished`, { httpStatus: 409 });
  }
}
