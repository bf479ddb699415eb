import * as t from 'io-ts';
import { ArchiveReferenceCodec, DecidedByCodec, DocumentLinkCodec, OverrideReasonCodec, ProviderJobIdCodec, ShortCodeCodec } from './free-text.js';
import { ContractIdCodec, OrderIdCodec } from '../model/contract-id.js';
import { CountyCodec } from '../model/county.js';
import { CompanyCodec, OfficeCodec } from '../model/office.js';
import { ContractTypeCodec } from '../model/contract-type.js';
import { PartyRoleCodec } from '../model/party-role.js';
import { ContactChangesCodec, PartyCodec } from '../model/party.js';
import { InstantCodec, LocalDateCodec } from '../model/time.js';
import { PreflightCodeCodec } from '../policy/preflight-codes.js';
import { list, nullable, struct } from '../model/codec-kit.js';
import {
  CancelReasonCodec,
  FailureSourceCodec,
  FollowUpStepCodec,
  ManualSigningReasonCodec,
  OrderFailureCauseCodec,
  SignerFailureCauseCodec,
  WithdrawalReasonCodec,
} from './causes.js';
import { SubmissionUncertainData, UncertainSubmissionResolvedData } from './submission-codecs.js';

/*
 * Every event is a past-tense fact about one contract. Each carries the contract id and `at`,
 * the moment the fact happened (for a signature: when the signer signed, as the service reports).
 */

const base = { contractId: ContractIdCodec, at: InstantCodec };

export const ChannelCodec = t.keyof({ sms: null, email: null }, 'NotificationChannel');

export const SignerCodec = struct('Signer', { role: PartyRoleCodec, channel: ChannelCodec, group: t.number });
export type Signer = t.TypeOf<typeof SignerCodec>;

/** A person's decision to send despite a blocking pre-flight problem, kept with the order. */
export const PreflightOverrideCodec = struct(
  'PreflightOverride',
  { code: PreflightCodeCodec, reason: OverrideReasonCodec, by: DecidedByCodec },
  { role: PartyRoleCodec },
);
export type PreflightOverride = t.TypeOf<typeof PreflightOverrideCodec>;

export const ContractRegisteredData = struct(
  'ContractRegistered',
  { ...base, county: CountyCodec, office: OfficeCodec, contractType: ContractTypeCodec, parties: list(PartyCodec) },
  { company: CompanyCodec, startDate: LocalDateCodec },
);

export const ContactDataCorrectedData = struct('ContactDataCorrected', { ...base, role: PartyRoleCodec, changes: ContactChangesCodec });

export const StartDateChangedData = struct('StartDateChanged', { ...base, startDate: LocalDateCodec }, { previousStartDate: LocalDateCodec });

/** Version 2: the deadline, the reminder time and each signer's channel are decided at creation. */
export const OrderCreatedData = struct('OrderCreated', {
  ...base,
  orderId: OrderIdCodec,
  attempt: t.number,
  validityDays: t.number,
  deadline: InstantCodec,
  remindAt: nullable(InstantCodec),
  signers: list(SignerCodec),
  overrides: list(PreflightOverrideCodec),
});

export const ResignedData = struct('Resigned', {
  ...base,
  orderId: OrderIdCodec,
  previousOrderId: OrderIdCodec,
  previousOutcome: t.keyof({ failed: null, expired: null, cancelled: null }),
});

export const OrderAcceptedData = struct('OrderAccepted', { ...base, orderId: OrderIdCodec, providerJobId: ProviderJobIdCodec });

export const ProviderErrorOccurredData = struct('ProviderErrorOccurred', {
  ...base,
  orderId: OrderIdCodec,
  /** A short code such as `http-503`, `timeout`, `http-400`; never the service's free text. */
  code: ShortCodeCodec,
  transient: t.boolean,
  /** How many errors this order has met, this one included. */
  errorCount: t.number,
  /** When to try again; null when the order is given up (a permanent error, or too many). */
  retryAt: nullable(InstantCodec),
});

export const SignerSignedData = struct('SignerSigned', { ...base, orderId: OrderIdCodec, role: PartyRoleCodec });

export const SignerFailedData = struct(
  'SignerFailed',
  { ...base, orderId: OrderIdCodec, role: PartyRoleCodec, cause: SignerFailureCauseCodec, source: FailureSourceCodec },
  { providerStatus: ShortCodeCodec },
);

export const ReminderSentData = struct('ReminderSent', { ...base, orderId: OrderIdCodec, role: PartyRoleCodec, channel: ChannelCodec });

/** `reportedByProvider`: the signing service said so; otherwise our clock reached the deadline. */
export const ExpiredData = struct('Expired', { ...base, orderId: OrderIdCodec }, { reportedByProvider: t.boolean });

export const OrderCancelledData = struct('OrderCancelled', { ...base, orderId: OrderIdCodec, reason: CancelReasonCodec });

/**
 * The job at the signing service was cancelled after we ended its order (a correction, a new start
 * date, paper, our clock's expiry), so nobody signs a document that no longer counts.
 * `alreadyFinished`: the service said the job had ended by itself.
 */
export const ProviderJobCancelledData = struct('ProviderJobCancelled', { ...base, orderId: OrderIdCodec, alreadyFinished: t.boolean });

export const OrderFailedData = struct('OrderFailed', { ...base, orderId: OrderIdCodec, cause: OrderFailureCauseCodec });

/** `signedDocument`: where the signing service keeps the signed document (a PAdES link), when it said. */
export const ContractSignedElectronicallyData = struct('ContractSignedElectronically', { ...base, orderId: OrderIdCodec }, { signedDocument: DocumentLinkCodec });

export const ContractSignedManuallyData = struct('ContractSignedManually', { ...base, reason: ManualSigningReasonCodec });

export const ContractWithdrawnData = struct('ContractWithdrawn', { ...base, reason: WithdrawalReasonCodec });

export const SignedDocumentArchivedData = struct('SignedDocumentArchived', { ...base, archiveReference: ArchiveReferenceCodec });

export const VigoUpdatedData = struct('VigoUpdated', { ...base });

export const FollowUpFailedData = struct('FollowUpFailed', {
  ...base,
  step: FollowUpStepCodec,
  code: ShortCodeCodec,
  attempt: t.number,
  /** When to try again; null when the retries are used up and a person must take over. */
  retryAt: nullable(InstantCodec),
});

/**
 * A signature the service reported after its order had ended (signed just before the deadline,
 * reported after the service's EXPIRED; or on a job we had cancelled). `at` is when the signer
 * signed; the order's end stands. A person decides what it means (see the attention list).
 */
export const LateSignatureReportedData = struct('LateSignatureReported', {
  ...base,
  orderId: OrderIdCodec,
  role: PartyRoleCodec,
  orderOutcome: t.keyof({ expired: null, cancelled: null, failed: null }),
  orderEndedAt: InstantCodec,
  reportedAt: InstantCodec,
});

/** The current schema of every event type, with its version. Older versions go through `upcasters`. */
export const eventSchemas = {
  ContractRegistered: { version: 1, data: ContractRegisteredData },
  ContactDataCorrected: { version: 1, data: ContactDataCorrectedData },
  StartDateChanged: { version: 1, data: StartDateChangedData },
  OrderCreated: { version: 2, data: OrderCreatedData },
  Resigned: { version: 1, data: ResignedData },
  OrderAccepted: { version: 1, data: OrderAcceptedData },
  ProviderErrorOccurred: { version: 1, data: ProviderErrorOccurredData },
  SignerSigned: { version: 1, data: SignerSignedData },
  SignerFailed: { version: 1, data: SignerFailedData },
  ReminderSent: { version: 1, data: ReminderSentData },
  Expired: { version: 1, data: ExpiredData },
  OrderCancelled: { version: 1, data: OrderCancelledData },
  OrderFailed: { version: 1, data: OrderFailedData },
  ProviderJobCancelled: { version: 1, data: ProviderJobCancelledData },
  ContractSignedElectronically: { version: 1, data: ContractSignedElectronicallyData },
  ContractSignedManually: { version: 1, data: ContractSignedManuallyData },
  ContractWithdrawn: { version: 1, data: ContractWithdrawnData },
  SignedDocumentArchived: { version: 1, data: SignedDocumentArchivedData },
  VigoUpdated: { version: 1, data: VigoUpdatedData },
  FollowUpFailed: { version: 1, data: FollowUpFailedData },
  SubmissionUncertain: { version: 1, data: SubmissionUncertainData },
  UncertainSubmissionResolved: { version: 1, data: UncertainSubmissionResolvedData },
  LateSignatureReported: { version: 1, data: LateSignatureReportedData },
} as const;

export type EventSchemas = typeof eventSchemas;
export type EventType = keyof EventSchemas;
export const eventTypes = Object.keys(eventSchemas) as EventType[];

export type EventOf<K extends EventType> = { readonly type: K; readonly data: t.TypeOf<EventSchemas[K]['data']> };
export type ContractEvent = { [K in EventType]: EventOf<K> }[EventType];
export type EventData<K extends EventType> = EventOf<K>['data'];

export type ContractRegistered = EventOf<'ContractRegistered'>;
export type ContactDataCorrected = EventOf<'ContactDataCorrected'>;
export type StartDateChanged = EventOf<'StartDateChanged'>;
export type OrderCreated = EventOf<'OrderCreated'>;
export type Resigned = EventOf<'Resigned'>;
export type OrderAccepted = EventOf<'OrderAccepted'>;
export type ProviderErrorOccurred = EventOf<'ProviderErrorOccurred'>;
export type SignerSigned = EventOf<'SignerSigned'>;
export type SignerFailed = EventOf<'SignerFailed'>;
export type ReminderSent = EventOf<'ReminderSent'>;
export type Expired = EventOf<'Expired'>;
export type OrderCancelled = EventOf<'OrderCancelled'>;
export type OrderFailed = EventOf<'OrderFailed'>;
export type ProviderJobCancelled = EventOf<'ProviderJobCancelled'>;
export type ContractSignedElectronically = EventOf<'ContractSignedElectronically'>;
export type ContractSignedManually = EventOf<'ContractSignedManually'>;
export type ContractWithdrawn = EventOf<'ContractWithdrawn'>;
export type SignedDocumentArchived = EventOf<'SignedDocumentArchived'>;
export type VigoUpdated = EventOf<'VigoUpdated'>;
export type FollowUpFailed = EventOf<'FollowUpFailed'>;
export type SubmissionUncertain = EventOf<'SubmissionUncertain'>;
export type UncertainSubmissionResolved = EventOf<'UncertainSubmissionResolved'>;
export type LateSignatureReported = EventOf<'LateSignatureReported'>;

/** Builds an event; the type argument keeps `data` honest. */
export const event = <K extends EventType>(type: K, data: EventData<K>): EventOf<K> => ({ type, data });
