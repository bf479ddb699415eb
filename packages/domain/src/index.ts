// Value types
export { type Violation } from './model/codec-kit.js';
export { type TextLimits, textViolation, boundedText, printable } from './model/text-rule.js';
export { PersonalValue, erasedText, erasedForm, erasedFormOf } from './model/personal-value.js';
export {
  type ContractId,
  ContractIdCodec,
  parseContractId,
  contractStreamName,
  type OrderId,
  OrderIdCodec,
  orderIdFor,
} from './model/contract-id.js';
export { type County, CountyCodec, counties, countyNames, parseCounty, isCounty } from './model/county.js';
export { type OrgNumber, OrgNumberCodec, parseOrgNumber, orgNumberCheckDigit } from './model/org-number.js';
export {
  type Office,
  OfficeCodec,
  type OfficeKind,
  officeKinds,
  type Company,
  CompanyCodec,
  type DisplayName,
  DisplayNameCodec,
  parseDisplayName,
} from './model/office.js';
export { type ContractType, ContractTypeCodec, contractTypes } from './model/contract-type.js';
export {
  type PartyRole,
  PartyRoleCodec,
  partyRoles,
  type ApprenticeRole,
  isApprenticeRole,
  type NotificationChannel,
  channelFor,
  roleLabels,
} from './model/party-role.js';
export { MobileNumber, type MobileKind, MobileNumberCodec, RegisteredMobileCodec } from './model/mobile-number.js';
export { EmailAddress, type EmailKind, EmailAddressCodec, RegisteredEmailCodec, sharedMailboxNames } from './model/email-address.js';
export { PersonalId, type PersonalIdKind, PersonalIdCodec, personalIdCheckDigits } from './model/personal-id.js';
export { type Party, PartyCodec, type ContactChanges, ContactChangesCodec, type ContactField } from './model/party.js';
export {
  type Instant,
  InstantCodec,
  parseInstant,
  instantOf,
  instantFromMillis,
  millisOf,
  toDateTime,
  type LocalDate,
  LocalDateCodec,
  parseLocalDate,
  osloDate,
  osloZone,
  daysInMonth,
} from './model/time.js';

// The decider
export {
  type SignerFailureCause,
  SignerFailureCauseCodec,
  signerFailureCauses,
  type OrderFailureCause,
  OrderFailureCauseCodec,
  type CancelReason,
  CancelReasonCodec,
  type ManualSigningReason,
  ManualSigningReasonCodec,
  type WithdrawalReason,
  WithdrawalReasonCodec,
  type FailureSource,
  type FollowUpStep,
} from './contract/causes.js';
export {
  type ContractEvent,
  type EventType,
  type EventOf,
  type EventData,
  eventTypes,
  eventSchemas,
  event,
  type Signer,
  type PreflightOverride,
  type ContractRegistered,
  type ContactDataCorrected,
  type StartDateChanged,
  type OrderCreated,
  type Resigned,
  type OrderAccepted,
  type ProviderErrorOccurred,
  type SignerSigned,
  type SignerFailed,
  type ReminderSent,
  type Expired,
  type OrderCancelled,
  type OrderFailed,
  type ProviderJobCancelled,
  type ContractSignedElectronically,
  type ContractSignedManually,
  type ContractWithdrawn,
  type SignedDocumentArchived,
  type VigoUpdated,
  type FollowUpFailed,
  type SubmissionUncertain,
  type UncertainSubmissionResolved,
  type LateSignatureReported,
} from './contract/events.js';
export {
  type ContractCommand,
  type CommandType,
  type CommandOf,
  commandTypes,
  commandCodecs,
  type RegisterContract,
  type CorrectContactData,
  type ChangeStartDate,
  type CreateOrder,
  type RecordOrderAccepted,
  type RecordProviderError,
  type RecordSignerSigned,
  type RecordSignerFailed,
  type RecordOrderFailed,
  type RecordReminderSent,
  type ExpireOrder,
  type CancelOrder,
  type RecordJobCancelled,
  type SignManually,
  type WithdrawContract,
  type RecordDocumentArchived,
  type RecordVigoUpdated,
  type RecordFollowUpFailed,
  type RecordSubmissionUncertain,
  type ResolveUncertainSubmission,
} from './contract/commands.js';
export {
  type SerializedEvent,
  EventDecodeError,
  encodeEvent,
  decodeEvent,
  storedAsIs,
  decodeCommand,
  encodeCommand,
  currentSchemaVersion,
} from './contract/codecs.js';
export { upcasters, type Upcaster, OrderCreatedV1Data } from './contract/upcasters.js';
export {
  type ContractState,
  type ContractStatus,
  type ContractDetails,
  type OrderState,
  type OrderStatus,
  type SignerState,
  type SignerStatus,
  type FollowUpState,
  initialState,
  currentOrder,
  activeOrder,
  findOrder,
  isClosed,
  closedStatuses,
  activeOrderStatuses,
} from './contract/state.js';
export { evolve } from './contract/evolve.js';
export { decide, type DecideContext } from './contract/decide.js';
export { isUploadUncertain, uploadOf, type SubmissionState } from './contract/submission.js';
export { UploadOutcomeCodec, type UploadOutcome } from './contract/submission-codecs.js';
export { type Decision } from './contract/decision.js';
export { replay, decideOrThrow, contractDecider } from './contract/replay.js';
export {
  DomainError,
  type ContractError,
  InvalidCommand,
  ContractNotRegistered,
  ContractAlreadyRegistered,
  ContractClosed,
  OrderAlreadyActive,
  UnknownOrder,
  UnknownSigner,
  DeadlineNotReached,
  DeadlinePassed,
  QuietHours,
  PreflightBlocked,
  FollowUpNotExpected,
  PersonalDataErased,
} from './contract/errors.js';
export { personalDataPaths, hasErasedPersonalData, type PersonalDataPath } from './contract/personal-data.js';

// The signing policy
export {
  type SigningPolicy,
  type PolicyBook,
  defaultPolicy,
  pilotPolicy,
  policyBook,
  resolvePolicy,
  policyViolations,
  checkPolicy,
  InvalidPolicy,
  groupedRoles,
} from './policy/signing-policy.js';
export {
  authenticationLevels,
  signatureTypes,
  signedDocumentIdentifiers,
  activations,
  activationTime,
  jobChoicesFor,
  type AuthenticationLevel,
  type SignatureType,
  type SignedDocumentIdentifier,
  type Activation,
  type JobChoices,
} from './policy/job-choices.js';
export { easterSunday, publicHolidays, isWorkingDay, nextWorkingDayAt } from './policy/calendar.js';
export {
  deadlineFor,
  availableSeconds,
  isQuietHour,
  outsideQuietHours,
  reminderTime,
  retryTime,
  followUpRetryTime,
} from './policy/deadlines.js';
export { type PreflightCode, PreflightCodeCodec, preflightCodes } from './policy/preflight-codes.js';
export { type PreflightProblem, type PreflightField, preflight, blockingProblems } from './policy/preflight.js';
export { signersFor, apprenticeRoleFor, isMinorOn, isInvited } from './policy/signers.js';
export { type DueAction, dueActions, correctableCauses, jobsToCancel } from './policy/due-actions.js';
