import type { OrderId } from '@fagsign/domain';
import { ProviderError } from './provider-error.js';

/**
 * An earlier attempt to create the order's job reached the service but got no answer, so the job
 * may exist. Posten signering offers no way to look a job up by our reference, and creating again
 * could make a second job, so a person checks signering.posten.no and records the outcome in the
 * job journal. Permanent until then.
 */
export class JobCreationUncertain extends ProviderError {
  override readonly name = 'JobCreationUncertain';
  constructor(readonly orderId: OrderId) {
    super('creation-uncertain', false, `The job for order ${orderId} may or may not exist at the signing service; check before sending again`);
  }
}
