import type * as t from 'io-ts';
import { left, right } from 'fp-ts/lib/Either.js';
import type { Instant } from '../model/time.js';
import type { RecordSubmissionUncertainCodec, ResolveUncertainSubmissionCodec } from './submission-codecs.js';
import { InvalidCommand } from './errors.js';
import { event, type ContractEvent } from './events.js';
import type { OrderState } from './state.js';
import { isLive, nowOf, nothing, withOrder, type Decision, type Registered } from './decision.js';

/*
 * An upload whose answer was lost. The job may or may not exist at the signing service, which
 * cannot be asked by our reference, and uploading again could make a second job. So the order
 * waits, and never fails for it: the status queue resolves it when the job turns up (it is then
 * adopted by `OrderAccepted`, or cancelled there if the order has ended meanwhile), or a person
 * looks it up at signering.posten.no and records what they found. "No job" lets the runner upload
 * again, as the order's next upload (`SubmissionState.upload`), so a provider that keeps a journal
 * knows the earlier, uncertain upload is settled.
 */

/** Where the order's upload stands; undefined on an order whose first upload is not in doubt. */
export interface SubmissionState {
  /** Since when the last upload is in doubt; undefined once the queue or a person settled it. */
  readonly uncertainSince: Instant | undefined;
  /** Which upload of this order the next one is: 1, then one more after each "no job" found by a person. */
  readonly upload: number;
}

/** The order waits for its uncertain upload: no new upload, no provider error, until it is settled. */
export const isUploadUncertain = (order: OrderState): boolean => order.submission?.uncertainSince !== undefined && order.providerJobId === undefined;

/** The upload number a provider is given for the order's next upload. */
export const uploadOf = (order: OrderState): number => order.submission?.upload ?? 1;

export const decideSubmissionUncertain = (command: t.TypeOf<typeof RecordSubmissionUncertainCodec>, r: Registered): Decision =>
  withOrder(r, command.orderId, (order) =>
    !isLive(r, order) || order.providerJobId !== undefined || isUploadUncertain(order) || (command.upload !== undefined && command.upload !== uploadOf(order))
      ? nothing()
      : right([event('SubmissionUncertain', { contractId: r.contract.contractId, at: nowOf(r), orderId: order.orderId })]),
  );

/**
 * A person's finding. A job found is adopted (`OrderAccepted`) on an open order, and recorded on an
 * ended one so that it is cancelled at the service; "no job" lets the runner upload again.
 */
export const decideResolveUncertainSubmission = (command: t.TypeOf<typeof ResolveUncertainSubmissionCodec>, r: Registered): Decision =>
  withOrder(r, command.orderId, (order) => {
    const violations = [
      ...(command.by.trim() === '' ? [{ path: 'by', rule: 'must name the person who looked the order up' }] : []),
      ...(command.outcome === 'job-found' && (command.providerJobId ?? '').trim() === '' ? [{ path: 'providerJobId', rule: 'must give the job id found at the signing service' }] : []),
      ...(command.outcome === 'no-job' && command.providerJobId !== undefined ? [{ path: 'providerJobId', rule: 'must be left out when no job was found' }] : []),
    ];
    if (violations.length > 0) return left(new InvalidCommand(violations));
    if (!isUploadUncertain(order)) return left(new InvalidCommand([{ path: 'orderId', rule: 'must be an order whose upload is uncertain' }]));
    const contractId = r.contract.contractId;
    const at = nowOf(r);
    const found = command.outcome === 'job-found' ? { providerJobId: command.providerJobId! } : {};
    const events: ContractEvent[] = [event('UncertainSubmissionResolved', { contractId, at, orderId: order.orderId, outcome: command.outcome, by: command.by, ...found })];
    if (command.outcome === 'job-found') events.push(event('OrderAccepted', { contractId, at, orderId: order.orderId, providerJobId: command.providerJobId! }));
    return right(events);
  });

/** The order's submission after one of these facts (evolve). */
export const submissionAfter = (order: OrderState, e: ContractEvent): SubmissionState | undefined => {
  const upload = uploadOf(order);
  if (e.type === 'SubmissionUncertain') return { uncertainSince: e.data.at, upload };
  if (e.type === 'UncertainSubmissionResolved') return { uncertainSince: undefined, upload: e.data.outcome === 'no-job' ? upload + 1 : upload };
  return order.submission;
};
