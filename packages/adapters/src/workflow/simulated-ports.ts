import { isQuietHour, toDateTime, type Instant, type OrderId, type PartyRole, type SigningPolicy, defaultPolicy } from '@fagsign/domain';
import { PortFailure } from './port-failure.js';
import type { Archive, Notifier, ReminderMessage, SignedContractDocument, VigoPort, VigoSignedReport } from './ports.js';

/** An expected failure of a simulated port (down for now), with a short code like a real client's. */
export class SimulatedPortFailure extends PortFailure {
  override readonly name = 'SimulatedPortFailure';
  constructor(code: string) {
    super(code, `Simulated failure: ${code}`);
  }
}

export interface SimulatedNotifier extends Notifier {
  /** Every reminder delivered, once per idempotency key, without contact data. */
  readonly sent: readonly { readonly orderId: OrderId; readonly role: PartyRole; readonly channel: string; readonly at: Instant }[];
}

/**
 * A notifier for the demo and tests: remembers what it sent (roles and times, no contact data),
 * delivers each idempotency key once, refuses to send in the quiet hours (a real SMS at 23:00 is a
 * complaint; here it is a bug in the caller), and tells `onDelivered` (the simulated signing
 * service's `remind`, so a slow signer may sign sooner).
 */
export const simulatedNotifier = (options: {
  readonly now: () => Instant;
  readonly policy?: Pick<SigningPolicy, 'quietHours'>;
  readonly onDelivered?: (orderId: OrderId, role: PartyRole) => void;
}): SimulatedNotifier => {
  const sent: { orderId: OrderId; role: PartyRole; channel: string; at: Instant }[] = [];
  const keys = new Set<string>();
  return {
    sent,
    async sendReminder(message: ReminderMessage) {
      const at = options.now();
      if (isQuietHour(toDateTime(at), options.policy ?? defaultPolicy)) throw new SimulatedPortFailure('quiet-hours');
      if (keys.has(message.idempotencyKey)) return;
      keys.add(message.idempotencyKey);
      sent.push({ orderId: message.orderId, role: message.role, channel: message.channel, at });
      options.onDelivered?.(message.orderId, message.role);
    },
  };
};

export interface SimulatedArchive extends Archive {
  readonly stored: readonly { readonly contractId: string; readonly reference: string; readonly bytes: number }[];
}

/** An archive that fails its first `failures` calls (to show the retries), then stores, once per key. */
export const simulatedArchive = (options: { readonly failures?: number } = {}): SimulatedArchive => {
  const stored: { contractId: string; reference: string; bytes: number }[] = [];
  const byKey = new Map<string, string>();
  let failuresLeft = options.failures ?? 0;
  return {
    stored,
    async storeSignedContract(document: SignedContractDocument) {
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new SimulatedPortFailure('archive-unavailable');
      }
      const existing = byKey.get(document.idempotencyKey);
      if (existing !== undefined) return { reference: existing };
      const reference = `ARK-${document.signedAt.slice(0, 4)}-${String(stored.length + 1).padStart(5, '0')}`;
      byKey.set(document.idempotencyKey, reference);
      stored.push({ contractId: document.contractId, reference, bytes: document.bytes.length });
      return { reference };
    },
  };
};

export interface SimulatedVigo extends VigoPort {
  readonly reported: readonly VigoSignedReport[];
}

export const simulatedVigo = (options: { readonly failures?: number } = {}): SimulatedVigo => {
  const reported: VigoSignedReport[] = [];
  const keys = new Set<string>();
  let failuresLeft = options.failures ?? 0;
  return {
    reported,
    async reportSigned(report) {
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new SimulatedPortFailure('vigo-unavailable');
      }
      if (keys.has(report.idempotencyKey)) return;
      keys.add(report.idempotencyKey);
      reported.push(report);
    },
  };
};
