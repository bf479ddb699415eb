import type { ContractDetails, ContractId, County, EmailAddress, Instant, MobileNumber, NotificationChannel, OrderId, OrderState, PartyRole } from '@fagsign/domain';

/*
 * The ports the workflow runner drives besides the store and the signing service. Each call carries
 * an idempotency key: after a crash the runner repeats the step it cannot prove was recorded, and an
 * implementation that honours the key turns that repeat into a no-op.
 */

/** Our reminder the day before the deadline, by SMS to the apprentice and e-mail to the leaders. */
export interface ReminderMessage {
  /** `<orderId>/<role>/reminder`: one reminder per order and signer. */
  readonly idempotencyKey: string;
  readonly contractId: ContractId;
  readonly orderId: OrderId;
  readonly role: PartyRole;
  readonly channel: NotificationChannel;
  readonly deadline: Instant;
  /** The signer's mobile (sms) or e-mail; a `PersonalValue`, revealed only by the implementation that sends. */
  readonly to: MobileNumber | EmailAddress;
}

export interface Notifier {
  sendReminder(message: ReminderMessage): Promise<void>;
}

/** The signed contract, handed to the county's archive. */
export interface SignedContractDocument {
  /** `<orderId>/archive`. */
  readonly idempotencyKey: string;
  readonly contractId: ContractId;
  readonly orderId: OrderId;
  readonly county: County;
  readonly signedAt: Instant;
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

export interface Archive {
  /** Returns the archive's reference for the document (a journal post id, say). */
  storeSignedContract(document: SignedContractDocument): Promise<{ readonly reference: string }>;
}

/** The signed status reported back to Vigo. */
export interface VigoSignedReport {
  /** `<contractId>/vigo-signed`. */
  readonly idempotencyKey: string;
  readonly contractId: ContractId;
  readonly county: County;
  readonly signedAt: Instant;
  readonly method: 'electronic';
}

export interface VigoPort {
  reportSigned(report: VigoSignedReport): Promise<void>;
}

/** The contract document (PDF) to sign, from the county's own document system. */
export type ContractDocuments = (contract: ContractDetails, order: OrderState) => Uint8Array | Promise<Uint8Array>;
