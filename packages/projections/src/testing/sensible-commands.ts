import { activeOrder, currentOrder, instantOf, MobileNumber, preflightCodes, type ContractCommand, type ContractState, type PartyRole, type PreflightOverride } from '@fagsign/domain';
import type { DateTime } from 'luxon';

/**
 * A command that makes sense for a contract as it stands, picked by `seed`: what a clerk, the
 * signing service or the follow-up would plausibly do next. Random commands alone rarely get
 * every signer of an order to sign; mixing these in gives histories that reach every status.
 */
export const sensibleCommand = (state: ContractState, seed: number, now: DateTime): ContractCommand | undefined => {
  const pick = <T>(options: readonly T[]): T => options[seed % options.length]!;
  const order = activeOrder(state);
  switch (state.status) {
    case 'registered':
      return pick<ContractCommand>([...Array<ContractCommand>(7).fill(createOrder), { type: 'WithdrawContract', reason: 'registered-in-error' }]);
    case 'order-ended': {
      const last = currentOrder(state)!;
      const waiting = last.signers.filter((s) => s.status !== 'signed').map((s) => s.role);
      const role = waiting[0] ?? 'laerling';
      return pick<ContractCommand>([
        createOrder,
        createOrder,
        { type: 'CorrectContactData', role, changes: { mobile: MobileNumber.registered(`9${String(10_000_000 + seed).slice(1)}`) } },
        { type: 'RecordSignerFailed', orderId: last.orderId, role, cause: pick(['wrong-mobile', 'shared-mailbox', 'missing-email'] as const), source: 'staff' },
        { type: 'SignManually', reason: 'order-expired' },
      ]);
    }
    case 'in-signing': {
      if (order === undefined) return undefined;
      if (order.status === 'created') {
        return pick<ContractCommand>([
          { type: 'RecordOrderAccepted', orderId: order.orderId, providerJobId: `job-${order.orderId}` },
          { type: 'RecordOrderAccepted', orderId: order.orderId, providerJobId: `job-${order.orderId}` },
          { type: 'RecordProviderError', orderId: order.orderId, code: 'http-503', transient: seed % 3 !== 0 },
        ]);
      }
      if (order.status === 'awaiting-retry') return { type: 'RecordOrderAccepted', orderId: order.orderId, providerJobId: `job-${order.orderId}` };
      const waiting = order.signers.filter((s) => s.status === 'waiting');
      const signer: PartyRole = waiting.length === 0 ? 'laerling' : waiting[seed % waiting.length]!.role;
      return pick<ContractCommand>([
        ...Array<ContractCommand>(10).fill({ type: 'RecordSignerSigned', orderId: order.orderId, role: signer, signedAt: instantOf(now) }),
        { type: 'RecordReminderSent', orderId: order.orderId, role: signer },
        { type: 'RecordSignerFailed', orderId: order.orderId, role: signer, cause: pick(['rejected', 'reserved', 'blocked'] as const), source: 'provider' },
        { type: 'ExpireOrder', orderId: order.orderId, reportedByProvider: true },
        { type: 'CancelOrder', orderId: order.orderId, reason: 'staff-decision' },
      ]);
    }
    case 'signed-electronically':
      return pick<ContractCommand>([
        { type: 'RecordDocumentArchived', archiveReference: `ARK-${seed % 1000}` },
        { type: 'RecordVigoUpdated' },
        { type: 'RecordFollowUpFailed', step: pick(['archive', 'vigo'] as const), code: 'http-503' },
      ]);
    default:
      return undefined;
  }
};

/** An order that overrides every blocking pre-flight problem, so it is always created. */
const overrides: PreflightOverride[] = preflightCodes.flatMap((code) =>
  (['laerling', 'kandidat', 'faglig-leder', 'daglig-leder', 'opplaeringskontor', 'foresatt', 'fylkeskommune', undefined] as const).map((role) => ({
    code,
    reason: 'Godkjent av leder',
    by: 'saksbehandler-1',
    ...(role === undefined ? {} : { role }),
  })),
);
const createOrder: ContractCommand = { type: 'CreateOrder', overrides };
