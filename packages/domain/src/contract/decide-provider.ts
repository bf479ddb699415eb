import { left, right } from 'fp-ts/lib/Either.js';
import { retryTime } from '../policy/deadlines.js';
import type { Instant } from '../model/time.js';
import type { Party } from '../model/party.js';
import type {
  RecordOrderAccepted,
  RecordOrderFailed,
  RecordProviderError,
  RecordSignerFailed,
  RecordSignerSigned,
} from './commands.js';
import { ContractClosed, InvalidCommand } from './errors.js';
import { event, type ContractEvent } from './events.js';
import type { SignerFailureCause } from './causes.js';
import type { OrderState, SignerState } from './state.js';
import { isClosed } from './state.js';
import { isUploadUncertain } from './submission.js';
import { isLive, nothing, nowOf, withOrder, withSigner, type Decision, type Registered } from './decision.js';

/*
 * Reports from the signing service are facts that may arrive twice, late, or out of order. The
 * rules, tested in decide-provider.unit.spec.ts:
 * - a fact already recorded (the same signature, the same acceptance) is `Right([])`;
 * - a fact about an order that has ended (expired, cancelled, failed, completed) or a contract that
 *   has closed changes nothing and is `Right([])`: the order's end stands. Our clock expires an
 *   order out at the service only `expiryGraceMinutes` after its deadline, and the workflow runner
 *   only once it has emptied the status queue after that, so a signature made before the deadline
 *   is normally recorded before the order can expire;
 * - but a signature is never dropped silently: one that still arrives after its order ended (the
 *   service's own EXPIRED came first) is recorded once as `LateSignatureReported`, with the signing
 *   time and the order's end, without reopening or completing the order; a person decides;
 * - one exception: a job the service made for an order we had already ended is recorded
 *   (`OrderAccepted` without reopening the order), so that it is cancelled there;
 * - a fact about an order or a signer this contract never had is an error.
 */

export const decideAccepted = (command: RecordOrderAccepted, r: Registered): Decision =>
  withOrder(r, command.orderId, (order) => {
    if (!isLive(r, order)) {
      // The service made the job after we ended the order (a correction, a new start date, paper)
      // or while the runner was down: record it, so that it is cancelled there. The order stays ended.
      return order.providerJobId === undefined
        ? right([event('OrderAccepted', { contractId: r.contract.contractId, at: nowOf(r), orderId: order.orderId, providerJobId: command.providerJobId })])
        : nothing();
    }
    if (order.providerJobId !== undefined) {
      return order.providerJobId === command.providerJobId
        ? nothing()
        : left(new InvalidCommand([{ path: 'providerJobId', rule: `must be the job id the order was accepted with (${order.providerJobId})` }]));
    }
    return right([
      event('OrderAccepted', { contractId: r.contract.contractId, at: nowOf(r), orderId: order.orderId, providerJobId: command.providerJobId }),
    ]);
  });

export const decideProviderError = (command: RecordProviderError, r: Registered): Decision =>
  withOrder(r, command.orderId, (order) => {
    // Once accepted, the job exists; an error from a later call (a poll, a cancel) is not the order's.
    // An upload in doubt is not retried, so no error can be its (submission.ts).
    if (!isLive(r, order) || order.status === 'accepted' || isUploadUncertain(order)) return nothing();
    const contractId = r.contract.contractId;
    const at = nowOf(r);
    const errorCount = order.providerErrors + 1;
    const retryAt = retryTime(r.now, command.transient, errorCount, r.policy, command.retryAfter);
    const events: ContractEvent[] = [
      event('ProviderErrorOccurred', { contractId, at, orderId: order.orderId, code: command.code, transient: command.transient, errorCount, retryAt }),
    ];
    if (retryAt === null) events.push(event('OrderFailed', { contractId, at, orderId: order.orderId, cause: 'provider-error' }));
    return right(events);
  });

const latest = (signers: readonly SignerState[]): Instant =>
  signers.reduce((max, s) => (s.at !== undefined && s.at > max ? s.at : max), '' as Instant);

/** The last signature completes the order and signs the contract electronically. */
export const decideSigned = (command: RecordSignerSigned, r: Registered): Decision =>
  withSigner(r, command.orderId, command.role, (order, signer) => {
    if (signer.status === 'signed') return nothing();
    if (!isLive(r, order)) return decideLateSignature(command, r, order, signer);
    const contractId = r.contract.contractId;
    const events: ContractEvent[] = [event('SignerSigned', { contractId, at: command.signedAt, orderId: order.orderId, role: signer.role })];
    const others = order.signers.filter((s) => s.role !== signer.role);
    if (others.every((s) => s.status === 'signed')) {
      const signedAt = latest([...others, { ...signer, at: command.signedAt }]);
      const document = command.signedDocument === undefined ? {} : { signedDocument: command.signedDocument };
      events.push(event('ContractSignedElectronically', { contractId, at: signedAt, orderId: order.orderId, ...document }));
    }
    return right(events);
  });

/** A service that says "contact information missing" for a signer we reach by e-mail and have no e-mail for means the e-mail is missing. */
const refine = (cause: SignerFailureCause, party: Party | undefined, signer: SignerState): SignerFailureCause =>
  cause === 'contact-information-missing' && signer.channel === 'email' && party?.email === undefined ? 'missing-email' : cause;

/**
 * A signer's failure as the service reports it ends the order: the job cannot complete. A person's
 * diagnosis (source `staff`) only records the cause: on an active order the clerk then corrects the
 * data or cancels; on an ended order it explains, after the fact, why it ended.
 */
export const decideSignerFailed = (command: RecordSignerFailed, r: Registered): Decision => {
  if (command.source === 'staff' && isClosed(r.state)) return left(new ContractClosed(r.state.status, command.type));
  return withSigner(r, command.orderId, command.role, (order, signer) => {
    const live = isLive(r, order);
    if (signer.status === 'signed') return nothing();
    // A fact from the service about an ended order changes nothing; on a live order it always ends
    // the order, even where a person had already diagnosed the same cause.
    if (command.source === 'provider' && !live) return nothing();
    if (command.source === 'staff' && signer.failureCause === command.cause) return nothing();
    const contractId = r.contract.contractId;
    const at = command.failedAt ?? nowOf(r);
    const cause = refine(command.cause, r.contract.parties[signer.role], signer);
    const events: ContractEvent[] = [
      event('SignerFailed', {
        contractId,
        at,
        orderId: order.orderId,
        role: signer.role,
        cause,
        source: command.source,
        ...(command.providerStatus === undefined ? {} : { providerStatus: command.providerStatus }),
      }),
    ];
    if (command.source === 'provider') events.push(event('OrderFailed', { contractId, at, orderId: order.orderId, cause }));
    return right(events);
  });
};

/** The job failed as a whole, without a signer's status to explain it. */
export const decideOrderFailed = (command: RecordOrderFailed, r: Registered): Decision =>
  withOrder(r, command.orderId, (order) =>
    isLive(r, order)
      ? right([event('OrderFailed', { contractId: r.contract.contractId, at: nowOf(r), orderId: order.orderId, cause: command.cause })])
      : nothing(),
  );

/**
 * A signature reported after its order ended (signed just before the deadline, reported after the
 * service's EXPIRED) is a fact a person must see, recorded once; it never reopens or completes the
 * order. On a closed contract (signed, on paper or by a later order, or withdrawn) it changes nothing.
 */
const decideLateSignature = (command: RecordSignerSigned, r: Registered, order: OrderState, signer: SignerState): Decision => {
  const outcome = order.status;
  if (isClosed(r.state) || signer.signedLateAt !== undefined || (outcome !== 'expired' && outcome !== 'cancelled' && outcome !== 'failed')) return nothing();
  return right([
    event('LateSignatureReported', {
      contractId: r.contract.contractId,
      at: command.signedAt,
      orderId: order.orderId,
      role: signer.role,
      orderOutcome: outcome,
      orderEndedAt: order.endedAt ?? nowOf(r),
      reportedAt: nowOf(r),
    }),
  ]);
};
