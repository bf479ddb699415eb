import * as t from 'io-ts';
import { ArchiveReferenceCodec, DocumentLinkCodec, ProviderJobIdCodec, ShortCodeCodec } from './free-text.js';
import { ContractIdCodec, OrderIdCodec } from '../model/contract-id.js';
import { CountyCodec } from '../model/county.js';
import { CompanyCodec, OfficeCodec } from '../model/office.js';
import { ContractTypeCodec } from '../model/contract-type.js';
import { PartyRoleCodec } from '../model/party-role.js';
import { ContactChangesCodec, PartyCodec } from '../model/party.js';
import { InstantCodec, LocalDateCodec } from '../model/time.js';
import {
  CancelReasonCodec,
  FailureSourceCodec,
  FollowUpStepCodec,
  ManualSigningReasonCodec,
  OrderFailureCauseCodec,
  SignerFailureCauseCodec,
  WithdrawalReasonCodec,
} from './causes.js';
import { PreflightOverrideCodec } from './events.js';
import { list, struct } from '../model/codec-kit.js';
import { RecordSubmissionUncertainCodec, ResolveUncertainSubmissionCodec } from './submission-codecs.js';

/*
 * Commands ask; events record. A command from a clerk carries what the clerk decided; a command
 * from the signing service (Record…) carries what the service reported, with the time it happened.
 * The contract id comes from the stream, so only RegisterContract names it.
 */

const tagged = <K extends string, P extends Record<string, t.Mixed>, O extends Record<string, t.Mixed> = {}>(type: K, required: P, optional?: O) =>
  struct(type, { type: t.literal(type), ...required }, optional ?? ({} as O));

export const commandCodecs = {
  RegisterContract: tagged(
    'RegisterContract',
    { contractId: ContractIdCodec, county: CountyCodec, office: OfficeCodec, contractType: ContractTypeCodec, parties: list(PartyCodec) },
    { company: CompanyCodec, startDate: LocalDateCodec },
  ),
  CorrectContactData: tagged('CorrectContactData', { role: PartyRoleCodec, changes: ContactChangesCodec }),
  ChangeStartDate: tagged('ChangeStartDate', { startDate: LocalDateCodec }),
  CreateOrder: tagged('CreateOrder', {}, { validityDays: t.number, overrides: list(PreflightOverrideCodec) }),
  RecordOrderAccepted: tagged('RecordOrderAccepted', { orderId: OrderIdCodec, providerJobId: ProviderJobIdCodec }),
  RecordProviderError: tagged(
    'RecordProviderError',
    { orderId: OrderIdCodec, code: ShortCodeCodec, transient: t.boolean },
    { retryAfter: InstantCodec },
  ),
  RecordSignerSigned: tagged(
    'RecordSignerSigned',
    { orderId: OrderIdCodec, role: PartyRoleCodec, signedAt: InstantCodec },
    // where the service keeps the signed document (PAdES), when this report completes the job
    { signedDocument: DocumentLinkCodec },
  ),
  RecordSignerFailed: tagged(
    'RecordSignerFailed',
    { orderId: OrderIdCodec, role: PartyRoleCodec, cause: SignerFailureCauseCodec, source: FailureSourceCodec },
    { providerStatus: ShortCodeCodec, failedAt: InstantCodec },
  ),
  RecordOrderFailed: tagged('RecordOrderFailed', { orderId: OrderIdCodec, cause: OrderFailureCauseCodec }),
  RecordReminderSent: tagged('RecordReminderSent', { orderId: OrderIdCodec, role: PartyRoleCodec }),
  ExpireOrder: tagged('ExpireOrder', { orderId: OrderIdCodec }, { reportedByProvider: t.boolean, expiredAt: InstantCodec }),
  CancelOrder: tagged('CancelOrder', { orderId: OrderIdCodec, reason: CancelReasonCodec }),
  RecordJobCancelled: tagged('RecordJobCancelled', { orderId: OrderIdCodec }, { alreadyFinished: t.boolean }),
  SignManually: tagged('SignManually', { reason: ManualSigningReasonCodec }),
  WithdrawContract: tagged('WithdrawContract', { reason: WithdrawalReasonCodec }),
  RecordDocumentArchived: tagged('RecordDocumentArchived', { archiveReference: ArchiveReferenceCodec }),
  RecordVigoUpdated: tagged('RecordVigoUpdated', {}),
  RecordFollowUpFailed: tagged('RecordFollowUpFailed', { step: FollowUpStepCodec, code: ShortCodeCodec }),
  RecordSubmissionUncertain: RecordSubmissionUncertainCodec,
  ResolveUncertainSubmission: ResolveUncertainSubmissionCodec,
} as const;

export type CommandCodecs = typeof commandCodecs;
export type CommandType = keyof CommandCodecs;
export const commandTypes = Object.keys(commandCodecs) as CommandType[];
export type CommandOf<K extends CommandType> = t.TypeOf<CommandCodecs[K]>;
export type ContractCommand = { [K in CommandType]: CommandOf<K> }[CommandType];

export type RegisterContract = CommandOf<'RegisterContract'>;
export type CorrectContactData = CommandOf<'CorrectContactData'>;
export type ChangeStartDate = CommandOf<'ChangeStartDate'>;
export type CreateOrder = CommandOf<'CreateOrder'>;
export type RecordOrderAccepted = CommandOf<'RecordOrderAccepted'>;
export type RecordProviderError = CommandOf<'RecordProviderError'>;
export type RecordSignerSigned = CommandOf<'RecordSignerSigned'>;
export type RecordSignerFailed = CommandOf<'RecordSignerFailed'>;
export type RecordOrderFailed = CommandOf<'RecordOrderFailed'>;
export type RecordReminderSent = CommandOf<'RecordReminderSent'>;
export type ExpireOrder = CommandOf<'ExpireOrder'>;
export type CancelOrder = CommandOf<'CancelOrder'>;
export type RecordJobCancelled = CommandOf<'RecordJobCancelled'>;
export type SignManually = CommandOf<'SignManually'>;
export type WithdrawContract = CommandOf<'WithdrawContract'>;
export type RecordDocumentArchived = CommandOf<'RecordDocumentArchived'>;
export type RecordVigoUpdated = CommandOf<'RecordVigoUpdated'>;
export type RecordFollowUpFailed = CommandOf<'RecordFollowUpFailed'>;
export type RecordSubmissionUncertain = CommandOf<'RecordSubmissionUncertain'>;
export type ResolveUncertainSubmission = CommandOf<'ResolveUncertainSubmission'>;
