import type { Archive, BundleSigner, ContractDocuments, EnterpriseCertificate, Notifier, SignerProfile, VigoPort } from '@fagsign/adapters';
import type { OrgNumber, PolicyBook } from '@fagsign/domain';
import type { logLevels } from './config-codec.js';

/** The simulated signing service: for the demo, tests and trying a configuration, never for real signers. */
export interface SimulatedSettings {
  readonly kind: 'simulated';
  readonly seed: number;
  /** Test and demo only: simulated seconds per real second; 1 is real time. */
  readonly clockSpeed: number;
  readonly profile: Partial<SignerProfile> | undefined;
  readonly pollAfterEmptySeconds: number | undefined;
}

export interface PostenSettings {
  readonly kind: 'posten';
  readonly baseUrl: string;
  readonly sender: OrgNumber;
  /** Read from the files at start; the passphrase from the named environment variable. */
  readonly certificate: EnterpriseCertificate;
  readonly signerKey: string;
  readonly pollingQueue: string | undefined;
}

/** A checked configuration, ready to run: files read, secrets taken from the environment. */
export interface ServiceConfig {
  readonly source: string;
  readonly storeUrl: string;
  readonly policy: PolicyBook;
  readonly provider: SimulatedSettings | PostenSettings;
  readonly runner: { readonly name: string; readonly intervalMs: number };
  readonly http: { readonly host: string; readonly port: number };
  readonly log: { readonly level: (typeof logLevels)[number]; readonly format: 'json' | 'pretty' };
  readonly shutdownGraceMs: number;
  /** From a JS config module; left out, the simulated provider uses simulated ports and a placeholder PDF. */
  readonly ports: {
    readonly documents?: ContractDocuments;
    readonly notifier?: Notifier;
    readonly archive?: Archive;
    readonly vigo?: VigoPort;
    readonly bundleSigner?: BundleSigner;
  };
}
