import type {
  CancelReason,
  ContractId,
  ContractStatus,
  ContractType,
  County,
  EmailKind,
  FollowUpStep,
  Instant,
  LocalDate,
  ManualSigningReason,
  MobileKind,
  OfficeKind,
  OrderFailureCause,
  OrderId,
  OrderStatus,
  PartyRole,
  SignerFailureCause,
  SignerStatus,
  WithdrawalReason,
} from '@fagsign/domain';

/*
 * The contracts read model: one compact summary per contract, from which every report is computed.
 * It holds no personal data: no names, no mobile numbers, no e-mail addresses, no fødselsnumre.
 * Contact data is kept only as what kind it is (missing, invalid, foreign, shared mailbox …), which
 * is what the reports need and keeps the saved state small and JSON-safe.
 */

/** An office within a county: reports group contracts by it. */
export interface OfficeInfo {
  readonly key: string;
  readonly county: County;
  readonly orgNumber: string;
  /** The name as last registered with a contract. */
  name: string;
  readonly kind: OfficeKind;
}

/** What kind of contact data a party has, never the data itself. */
export interface ContactFlags {
  readonly mobile: MobileKind | 'missing';
  readonly email: EmailKind | 'missing';
  readonly personalId: boolean;
}

export interface OrderSummary {
  readonly orderId: OrderId;
  readonly createdAt: Instant;
  readonly deadline: Instant;
  status: OrderStatus;
  /** Each signer's status, by role. */
  readonly signers: Partial<Record<PartyRole, SignerStatus>>;
  retryAt: Instant | null;
  providerErrors: number;
  lastProviderError: string | null;
  endedAt: Instant | null;
  failureCause: OrderFailureCause | null;
  cancelReason: CancelReason | null;
  /** Why the order did not succeed as diagnosed, even after it ended (the evolve rule: a person's word wins). */
  diagnosis: SignerFailureCause | null;
  diagnosisRole: PartyRole | null;
  /**
   * Signatures reported after the order had ended, by role, with when the signer signed. Absent
   * until one arrives (so snapshots saved before this field need no rebuild).
   */
  lateSignatures?: Partial<Record<PartyRole, Instant>>;
}

export interface FollowUpSummary {
  done: boolean;
  attempts: number;
  /** Null when done, or when the retries are used up and a person must take over. */
  retryAt: Instant | null;
  lastError: string | null;
}

export interface ContractSummary {
  readonly contractId: ContractId;
  /** `OfficeInfo.key` of the contract's office. */
  readonly office: string;
  readonly contractType: ContractType;
  status: Exclude<ContractStatus, 'unregistered'>;
  readonly registeredAt: Instant;
  startDate: LocalDate | null;
  /** Contact flags for each registered party, by role. */
  contacts: Partial<Record<PartyRole, ContactFlags>>;
  /**
   * Pairs of parties registered with the same mobile number or e-mail address, as
   * `field:roleA+roleB`; null when none. Computed when the data arrives (see contact-flags.ts).
   */
  shared: string[] | null;
  contactCorrectedAt: Instant | null;
  /** Every order, oldest first; only the last can be active. */
  readonly orders: OrderSummary[];
  /** `Resigned` events: new orders after a failed, expired or cancelled one. */
  resigned: number;
  remindersSent: number;
  closedAt: Instant | null;
  manualReason: ManualSigningReason | null;
  withdrawalReason: WithdrawalReason | null;
  followUp: Record<FollowUpStep, FollowUpSummary> | null;
}

export interface ContractsState {
  readonly offices: Map<string, OfficeInfo>;
  readonly contracts: Map<string, ContractSummary>;
}

export const officeKeyOf = (county: string, orgNumber: string): string => `${county}/${orgNumber}`;
