// ── Event store: the port ─────────────────────────────────────────────────────────────────────
export type {
  EventStore,
  StoreKind,
  ExpectedVersion,
  EventMetadata,
  RecordedEvent,
  EventToAppend,
  AppendOptions,
  AppendResult,
  ReadStreamOptions,
  ReadStreamResult,
  ReadAllOptions,
  SubscribeOptions,
  EventSubscription,
  ProjectionSnapshot,
  EventSerializer,
} from './store/event-store.js';
export { contractEventSerializer } from './store/serializer.js';

// ── Event store: typed errors ─────────────────────────────────────────────────────────────────
export {
  StoreError,
  VersionConflict,
  DuplicateEventId,
  InvalidAppend,
  InvalidCheckpoint,
  StoreUnavailable,
  StoredEventUnreadable,
  UnknownStoreUrl,
  StoreRequirementUnmet,
  StreamDeleted,
  NotAFagsignStore,
  StoredProjectionUnreadable,
} from './store/errors.js';
export { StoreClientMissing } from './store/optional-client.js';

// ── Event store: adapters (each loads its client only when opened) ────────────────────────────
export { openEventStore, type OpenEventStoreOptions } from './store/open-event-store.js';
export { verifyLog, type LogVerification, type LogProblem, type LogProblemKind, type EventInspector } from './store/verify-log.js';
export { verifyStoredLog } from './privacy/verify-stored-log.js';
export { getInMemoryEventStore, type InMemoryEventStoreOptions } from './store/memory/memory-event-store.js';
export { openSqliteEventStore, type SqliteEventStoreOptions } from './store/sqlite/sqlite-event-store.js';
export { type SqliteDurability } from './store/sqlite/sqlite-schema.js';
export { looksLikeSqlite } from './store/sqlite/sqlite-file.js';
export { openPostgresEventStore, type PostgresEventStoreOptions } from './store/postgres/postgres-event-store.js';
export { migratePostgres, type MigrateOptions } from './store/postgres/postgres-migrate.js';
export { openEsdbEventStore, type EsdbEventStoreOptions } from './store/esdb/esdb-event-store.js';

// ── Processor core: checkpoints, leases, catch-up by pages ─────────────────────────────────────
export { type CheckpointStore, type SavedProcessor, type LeaseHolder, type VersionedSave } from './processing/checkpoint-store.js';
export { checkpointStoreOf, projectionCheckpoints, type CheckpointHost } from './processing/checkpoint-stores.js';
export { createProcessor, type Processor, type ProcessorOptions, type ProcessorLog, type CatchUpPass } from './processing/processor.js';
export { processLease, defaultLeaseTtlMs, type Lease, type LeaseSettings, type LeaseView } from './processing/lease.js';
export { LeaseLost } from './processing/lease-lost.js';

// ── Projections on the processor core: catch-up, follow, versions side by side, progress ───────
export {
  catchUpProjection,
  followProjection,
  type CatchUpProjectionOptions,
  type CatchUpProjectionResult,
  type FollowProjectionOptions,
  type ProjectionFollower,
  type ProjectionSource,
  type ProjectedEvent,
} from './processing/projection-runner.js';
export {
  snapshotKey,
  loadPosition,
  loadPointer,
  switchPointer,
  NewerProjectionVersion,
  type RunnableProjection,
  type Position,
  type Pointer,
  type LeftOutContract,
  type SavedProjectionState,
} from './processing/projection-snapshots.js';
export { type Progress, type ProgressListener } from './processing/projection-progress.js';

// ── Command handling ──────────────────────────────────────────────────────────────────────────
export { handle, type HandleOptions, type HandleResult } from './handling/handle.js';
export { handleTE, type HandleError } from './handling/handle-te.js';
export { type RetryPolicy, defaultRetryPolicy } from './handling/retry.js';
export { commandEventId } from './handling/command-event-ids.js';

// ── Signing provider: the port, typed errors, the simulated service, Posten signering ─────────
export {
  type SigningProvider,
  type JobRef,
  type CreatedJob,
  type SignedDocumentRef,
  type SignerReport,
  type StatusChange,
  type StatusChangeBatch,
  type ConfirmationHandle,
  type JobStatus,
  type KnownSignerStatus,
  jobStatuses,
  signerStatuses,
  isKnownJobStatus,
  isKnownSignerStatus,
} from './provider/signing-provider.js';
export { type SigningJobRequest, type JobSigner, type SigningDocument, type SigningJobOptions, signingJobFor } from './provider/signing-job.js';
export { signingJobProblems, maxSigners, maxAvailableSeconds } from './provider/signing-job-rules.js';
export { personalDataIn, type PersonalDataKind, type KnownPeople } from './provider/personal-data-guard.js';
export { placeholderPdf } from './provider/placeholder-pdf.js';
export {
  commandsForStatusChange,
  failureCauses,
  type ProviderCommand,
  type Unrecognised,
  type StatusChangeOutcome,
} from './provider/status-commands.js';

// Typed provider errors
export { ProviderError, isProviderError, type ProviderErrorDetails } from './provider/errors/provider-error.js';
export { ProviderUnavailable } from './provider/errors/provider-unavailable.js';
export { ProviderTimeout } from './provider/errors/provider-timeout.js';
export { TooManyRequests } from './provider/errors/too-many-requests.js';
export { ProviderUnauthorised } from './provider/errors/provider-unauthorised.js';
export { RequestRejected } from './provider/errors/request-rejected.js';
export { JobAlreadyFinished } from './provider/errors/job-already-finished.js';
export { UnknownJob } from './provider/errors/unknown-job.js';
export { InvalidSigningJob, type SigningJobProblem } from './provider/errors/invalid-signing-job.js';
export { JobCreationUncertain } from './provider/errors/job-creation-uncertain.js';
export { EnterpriseCertificateError, type EnterpriseCertificateProblem } from './provider/errors/enterprise-certificate-error.js';
export { recordProviderError, commandsForFailedCreation } from './provider/errors/record-provider-error.js';

// The simulated signing service
export {
  createSimulatedProvider,
  outageOn,
  type SimulatedProviderOptions,
  type SimulatedSigningProvider,
  type SimulatedJobView,
  type Outage,
} from './provider/simulated/simulated-provider.js';
export { manualClock, type ManualClock } from './provider/simulated/clock.js';
export {
  pilotProfile,
  type SignerBehaviour,
  type SignerShorthand,
  type ScriptEntry,
  type SignerScript,
  type ScriptedSigner,
  type SignerProfile,
} from './provider/simulated/behaviour.js';

// Posten signering, portal flow
export { createPostenProvider, type PostenProviderOptions } from './provider/posten/posten-provider.js';
export { httpsTransport, carriesOrganizationNumber, certificateAuthorityProblem, postenOrganizationNumber, type HttpTransport, type HttpRequest, type HttpResponse, type EnterpriseCertificate } from './provider/posten/transport.js';
export { memoryJobJournal, resolveUncertainJob, type JobJournal, type JournalEntry } from './provider/posten/job-journal.js';
export { openJobJournal, openSqliteJobJournal, openPostgresJobJournal } from './provider/posten/job-journal-stores.js';
export { type BundleSigner } from './provider/posten/document-bundle.js';
export { enterpriseCredentials, type EnterpriseCredentials, type CredentialSource } from './provider/posten/enterprise-credentials.js';
export { xadesBundleSigner } from './provider/posten/xades-bundle-signer.js';
export { checkJobSettings, manifestSettings, type PostenJobSettings, type ManifestSettings } from './provider/posten/job-settings.js';
export { xadesSignatures, type SignedFile } from './provider/posten/xades-signature.js';
export {
  certificateStatus,
  checkCertificate,
  reloadableCredentials,
  warnDaysBeforeExpiry,
  type CertificateStatus,
  type CertificateLog,
  type ReloadableCredentials,
} from './provider/posten/certificate-status.js';
export { manifestXml, jobRequestXml } from './provider/posten/manifest-xml.js';
export { parseStatusChange, parseJobResponse, parseJobRequest, type PostenStatusChange, type ReportedSignature } from './provider/posten/status-change-xml.js';
export { parseManifest, type Manifest, type ManifestSigner } from './provider/posten/manifest-reader.js';
export { ReportedIdentifier, type SignerIdentification } from './provider/posten/reported-identifier.js';

// ── Workflow runner: drives every order to its end ────────────────────────────────────────────
export { createWorkflowRunner, type WorkflowRunner, type WorkflowRunnerOptions, type RunReport } from './workflow/runner.js';
export { type RunnerLogEntry } from './workflow/runner-context.js';
export { type RunnerStatus, type DegradedReason, type QuarantinedContract } from './workflow/runner-status.js';
export { quarantinedContracts, releaseFromQuarantine, QuarantineReleaseRefused, type QuarantineReleaseProblem, type QuarantineOptions } from './workflow/quarantine.js';
export { classifyFault, type Fault, type FaultSource, type WorkKind } from './workflow/failure-policy.js';
export { PortFailure } from './workflow/port-failure.js';
export { type TickReport } from './workflow/due-work.js';
export { type PollReport } from './workflow/polling.js';
export {
  type Notifier,
  type ReminderMessage,
  type Archive,
  type SignedContractDocument,
  type VigoPort,
  type VigoSignedReport,
  type ContractDocuments,
} from './workflow/ports.js';
export {
  simulatedNotifier,
  simulatedArchive,
  simulatedVigo,
  SimulatedPortFailure,
  type SimulatedNotifier,
  type SimulatedArchive,
  type SimulatedVigo,
} from './workflow/simulated-ports.js';


// ── Personal data: encrypted per contract, erasure ────────────────────────────────────────────
export { openProtectedEventStore, openStoredForm, type OpenProtectedStoreOptions } from './privacy/open-protected-store.js';
export { protectPersonalData, storedFormSerializer, isProtectedStore, type ProtectedEventStore } from './privacy/protected-store.js';
export { eraseContract, erasePerson, type ErasureOptions, type ErasureResult } from './privacy/erasure.js';
export { erasureLedgerStream, readErasureLedger, erasureFactProblem, type PersonalDataErasedData } from './privacy/erasure-ledger.js';
export { type KeyStore, type MemoryKeyStore, memoryKeyStore } from './privacy/key-store.js';
export { openSqliteKeyStore } from './privacy/sqlite-key-store.js';
export { openPostgresKeyStore } from './privacy/postgres-key-store.js';
export { type StoredDataKey, type Envelope } from './privacy/envelope.js';
export { KeyRing, rotateMasterKey } from './privacy/key-ring.js';
export { eraseDue, retentionSchedule, erasureDates, osloDay, eraseFromOf, checkRetentionPolicy, type RetentionPolicy, type RetentionEntry, type ContractEnd, type ErasureDate } from './privacy/retention.js';
export { type MasterKeys, parseMasterKeys, masterKeysFromEnv, masterKeyEnvVar, singleMasterKey } from './privacy/master-keys.js';
// Test support for privacy checks: every row of a PostgreSQL schema as text
export { postgresSchemaText, dropPostgresSchema } from './privacy/schema-text.js';
export { PrivacyConfigurationError, MasterKeyMissing, ErasedContractAppend } from './privacy/privacy-errors.js';
