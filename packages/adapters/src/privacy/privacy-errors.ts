import { StoreError } from '../store/errors.js';

/** The master keys are missing or malformed. Never names a key. */
export class PrivacyConfigurationError extends Error {
  readonly code = 'privacy-configuration';
  override get name(): string {
    return 'PrivacyConfigurationError';
  }
}

/** A data key is wrapped by a master key that is not configured (rotated away too early). */
export class MasterKeyMissing extends Error {
  readonly code = 'master-key-missing';
  constructor(readonly masterKeyId: string) {
    super(`A data key is wrapped by master key ${masterKeyId}, which is not configured; add it back to ${'FAGSIGN_MASTER_KEYS'} and rotate`);
  }
  override get name(): string {
    return 'MasterKeyMissing';
  }
}

/** An append brings personal data to a contract whose personal data was erased. */
export class ErasedContractAppend extends StoreError {
  readonly code = 'erased-contract-append';
  constructor(readonly contractId: string) {
    super(`Contract ${contractId}'s personal data was erased; new personal data is not stored for it`);
  }
}
