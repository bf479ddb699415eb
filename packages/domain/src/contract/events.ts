import * as t from 'io-ts';
import { ContractIdCodec, OrderIdCodec } from '../model/contract-id.js';
import { CountyCodec } from '../model/county.js';
import { CompanyCodec, OfficeCodec } from '../model/office.js';
import { ContractTypeCodec } from '../model/contract-type.js';
import { PartyRoleCodec } from '../model/party-role.js';
import { ContactChangesCodec, PartyCodec } from '../model/party.js';
import { InstantCodec, LocalDateCodec } from '../model/time.js';
import { PreflightCodeCodec } from '../policy/preflight-codes.js';
import {
  CancelReasonCodec,
  FailureSourceCodec,
  FollowUpStepCodec,
  ManualSigningReasonCodec,
  OrderFailureCauseCodec,
  SignerFailureCauseCodec,
  WithdrawalReasonCodec,
} from './causes.js';

/*
 * Every event is a past-tense fact about one contract. Each carries the contract id and `at`,
 * the moment the fact happened (for a signature: when the signer signed, as the service reports).
 */

const base = { contractId: ContractIdCodec, at: InstantCodec };

export const ChannelCodec = t.keyof({ sms: null, email: null }, 'NotificationChannel');

export const SignerCodec = t.type(
  { role: PartyRoleCodec, channel: ChannelCodec, group: t.number },
  'Signer',
);
export type Signer = t.TypeOf<typeof SignerCodec>;

/** A person's decision to send despite a blocking pre-flight problem, kept with the order. */
export const PreflightOverrideCodec = t.intersection(
  [
    t.type({ code: PreflightCodeCodec, reason: t.string, by: t.string }),
    t.partial({ role: PartyRoleCodec }),
  ],
  'PreflightOverride',
);
export type PreflightOverride = t.TypeOf<typeof PreflightOverrideCodec>;

export const ContractRegisteredData = t.intersection([
  t.type({
    ...base,
    county: CountyCodec,
    office: OfficeCodec,
    contractType: ContractTypeCodec,
    parties: t.array(PartyCodec),
  }),
  t.partial({ company: CompanyCodec, startDate: LocalDateCodec }),
]);

export const ContactDataCorrectedData = t.type({
  ...base,
  role: PartyRoleCodec,
  changes: ContactChangesCodec,
});

export const StartDateChangedData = t.intersection([
  t.type({ ...base, startDate: LocalDateCodec }),
  t.partial({ previousStartDate: LocalDateCodec }),
]);

/** Version 2: the deadline, the reminder time and each signer's channel are decided at creation. */
export const OrderCreatedData = t.type({
  ...base,
  orderId: OrderIdCodec,
  attempt: t.number,
  validityDays: t.number,
  deadline: InstantCodec,
  remindAt: t.union([InstantCodec, t.null]),
  signers: t.array(SignerCodec),
  overrides: t.array(PreflightOverrideCodec),
});

export const ResignedData = t.type({
  ...base,
  orderId: OrderIdCodec,
  previousOrderId: OrderIdCodec,
  previousOutcome: t.keyof({ failed: null, expired: null, cancelled: null }),
});

export const OrderAcceptedData = t.type({ ...base, orderId: OrderIdCodec, providerJobId: t.string });

export const ProviderErrorOccurredData = t.type({
  ...base,
  orderId: OrderIdCodec,
  /** A short code such as `http-503`, `timeout`, `http-400`; never the service's free text. */
  code: t.string,
  transient: t.boolean,
  /** How many errors this order has met, this one included. */
  errorCount: t.number,
  /** When to try again; null when the order is given up (a permanent error, or too many). */
  retryAt: t.union([InstantCodec, t.null]),
});

export const SignerSignedData = t.type({ ...base, orderId: OrderIdCodec, role: PartyRoleCodec });

export const SignerFailedData = t.intersection([
  t.type({
    ...base,
    orderId: OrderIdCodec,
    role: PartyRoleCodec,
    cause: SignerFailureCauseCodec,
    source: FailureSourceCodec,
  }),
  t.partial({ providerStatus: t.string }),
]);

export const ReminderSentData = t.type({ ...base, orderId: OrderIdCodec, role: PartyRoleCodec, channel: ChannelCodec });

export const ExpiredData = t.type({ ...base, orderId: OrderIdCodec });

export const OrderCancelledData = t.type({ ...base, orderId: OrderIdCodec, reason: CancelReasonCodec });

export const OrderFailedData = t.type({ ...base, orderId: OrderIdCodec, cause: OrderFailureCauseCodec });

export const ContractSignedElectronicallyData = t.type({ ...base, orderId: OrderIdCodec });

export const ContractSignedManuallyData = t.type({ ...base, reason: ManualSigningReasonCodec });

export const ContractWithdrawnData = t.type({ ...base, reason: WithdrawalReasonCodec });

export const SignedDocumentArchivedData = t.type({ ...base, archiveReference: t.string });

export const VigoUpdatedData = t.type({ ...base });

export const FollowUpFailedData = t.type({
  ...base,
  step: FollowUpStepCodec,
  code: t.string,
  attempt: t.number,
  /** When to try again; null when the retries are used up and a person must take over. */
  retryAt: t.union([InstantCodec, t.null]),
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
  ContractSignedElectronically: { version: 1, data: ContractSignedElectronicallyData },
  ContractSignedManually: { version: 1, data: ContractSignedManuallyData },
  ContractWithdrawn: { version: 1, data: ContractWithdrawnData },
  SignedDocumentArchived: { version: 1, data: SignedDocumentArchivedData },
  VigoUpdated: { version: 1, data: VigoUpdatedData },
  FollowUpFailed: { version: 1, data: FollowUpFailedData },
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
export type ContractSignedElectronically = EventOf<'ContractSignedElectronically'>;
export type ContractSignedManually = EventOf<'ContractSignedManually'>;
export type ContractWithdrawn = EventOf<'ContractWithdrawn'>;
export type SignedDocumentArchived = EventOf<'SignedDocumentArchived'>;
export type VigoUpdated = EventOf<'VigoUpdated'>;
export type FollowUpFailed = EventOf<'FollowUpFailed'>;

/** Builds an event; the type argument keeps `data` honest. */
export const event = <K extends EventType>(type: K, data: EventData<K>): EventOf<K> => ({ type, data });
