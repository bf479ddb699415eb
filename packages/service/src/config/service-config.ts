import type { Archive, BundleSigner, ContractDocuments, EnterpriseCredentials, MasterKeys, Notifier, RetentionPolicy, SignerProfile, VigoPort } from '@fagsign/adapters';
import type { OrgNumber, PolicyBook } from '@fagsign/domain';
import type { logLevels } from './config-codec.js';
import type { StaffSettings } from '../pages/staff-settings.js';

/** The simulated signing service: for the demo, tests and trying a configuration, never for real signers. */
export interface SimulatedSettings {
  readonly kind: 'simulated';
  readonly seed: number;
  /** Test and demo only: simulated seconds per real second; 1 is real time. */
  readonly clockSpeed: number;
  readonly profile: Partial<SignerProfile> | undefined;
  readonly pollAfterEmptySeconds: number | undefined;
}

/** The real signing service, Posten signering: where to reach it, the county as sender (org. number), its enterprise certificate, and the queue it polls status changes from. */
export interface PostenSettings {
  readonly kind: 'posten';
  readonly baseUrl: string;
  readonly sender: OrgNumber;
  /** The enterprise certificate, read and checked at start (the passphrase from the named environment variable): for mutual TLS and the bundle signature. */
  readonly credentials: EnterpriseCredentials;
  /** Posten's server certificate authorities (PEM), and how the server is checked. */
  readonly server: { readonly ca: Buffer; readonly serverOrganizationNumber?: string; readonly timeoutMs?: number };
  readonly signerKey: string;
  readonly pollingQueue: string | undefined;
}

/** A checked configuration, ready to run: files read, secrets taken from the environment. */
export interface ServiceConfig {
  readonly source: string;
  readonly storeUrl: string;
  readonly policy: PolicyBook;
  readonly provider: SimulatedSettings | PostenSettings;
  /** `leaseMs`: the runner's lease life; a standby takes over within `leaseMs + leaseMs / 3` of the holder's death. */
  readonly runner: { readonly name: string; readonly intervalMs: number; readonly leaseMs: number };
  readonly http: { readonly host: string; readonly port: number };
  readonly log: { readonly level: (typeof logLevels)[number]; readonly format: 'json' | 'pretty' };
  readonly shutdownGraceMs: number;
  /**
   * Personal data encrypted per contract, when the county's master keys are set (FAGSIGN_MASTER_KEYS
   * or the variable `privacy.masterKeysEnv` names); `retention` erases on time. Left out: plain store.
   */
  readonly privacy?: { readonly master: MasterKeys; readonly retention: RetentionPolicy | undefined };
  /** The staff pages, on their own port; left out, no pages are served. */
  readonly staff?: StaffSettings;
  /** From a JS config module; left out, the simulated provider uses simulated ports and a placeholder PDF. */
  readonly ports: {
    readonly documents?: ContractDocuments;
    readonly notifier?: Notifier;
    readonly archive?: Archive;
    readonly vigo?: VigoPort;
    /** Left out, the bundle is signed (XAdES) with the enterprise certificate; an override for a signing box (HSM). */
    readonly bundleSigner?: BundleSigner;
  };
}
