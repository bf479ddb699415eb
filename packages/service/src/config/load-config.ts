import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as t from 'io-ts';
import { certificateAuthorityProblem, EnterpriseCertificateError, enterpriseCredentials, masterKeyEnvVar, parseMasterKeys, PrivacyConfigurationError, type CredentialSource, type EnterpriseCredentials, type MasterKeys, type RetentionPolicy } from '@fagsign/adapters';
import { parseCounty, type OrgNumber } from '@fagsign/domain';
import type { ConfigProblem } from './codec.js';
import { problemsOf } from './codec.js';
import { envNameShape, PolicyChangesCodec, PostenProviderCodec, RetentionConfigCodec, ServiceConfigCodec, type PolicyChanges } from './config-codec.js';
import { InvalidConfig } from './invalid-config.js';
import { policyFromConfig } from './policy-config.js';
import type { PostenSettings, ServiceConfig } from './service-config.js';
import { StaffConfigCodec, staffSettings } from '../pages/staff-settings.js';

const storeSchemes = ['memory', 'sqlite', 'postgres', 'postgresql', 'esdb', 'esdb+discover'];

/**
 * Reads and checks `fagsign run`'s configuration: a `.json` file, or a `.js`/`.mjs` module whose
 * default export is the same object plus the parts that are code. Throws `InvalidConfig` with every
 * problem at once; reads the certificate files and the secrets from the environment here, so that
 * a missing file or variable stops the start, not the first order.
 */
export const loadConfig = async (file: string, env: Readonly<Record<string, string | undefined>> = process.env): Promise<ServiceConfig> => {
  const source = resolve(file);
  const raw = await readSource(source);
  return checkConfig(raw, { source, env });
};

/**
 * Only the retention policy (`privacy.retention`) of a configuration file, checked by the same
 * rules: what the CLI's reports show erasure dates by, so they and the running service agree.
 * Undefined when the file has none; `InvalidConfig` with every problem of that part otherwise.
 */
export const loadRetentionPolicy = async (file: string): Promise<RetentionPolicy | undefined> => {
  const source = resolve(file);
  const raw = await readSource(source);
  const retention = isRecord(raw) && isRecord(raw.privacy) ? raw.privacy.retention : undefined;
  if (retention === undefined) return undefined;
  const decoded = RetentionConfigCodec.decode(retention);
  if (decoded._tag === 'Left') throw new InvalidConfig(source, problemsOf(decoded.left).map((p) => ({ path: p.path === '(root)' ? 'privacy.retention' : `privacy.retention.${p.path}`, rule: p.rule })));
  return decoded.right;
};

const readSource = async (source: string): Promise<unknown> => {
  const kind = extname(source).toLowerCase();
  if (kind === '.json') {
    let text: string;
    try {
      text = await readFile(source, 'utf8');
    } catch (error) {
      throw new InvalidConfig(source, [{ path: '(file)', rule: `cannot be read (${(error as { code?: string }).code ?? 'error'})` }]);
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      // JSON.parse's message quotes the text, which may hold a password: give the place only
      const at = /position (\d+)/.exec(String((error as Error).message))?.[1];
      const line = at === undefined ? undefined : text.slice(0, Number(at)).split('\n').length;
      throw new InvalidConfig(source, [{ path: '(file)', rule: `is not valid JSON${line === undefined ? '' : ` (line ${line})`}` }]);
    }
  }
  if (kind === '.js' || kind === '.mjs') {
    try {
      const module = (await import(pathToFileURL(source).href)) as { default?: unknown };
      if (module.default === undefined) throw new InvalidConfig(source, [{ path: '(file)', rule: 'must have a default export: the configuration object' }]);
      return module.default;
    } catch (error) {
      if (error instanceof InvalidConfig) throw error;
      throw new InvalidConfig(source, [{ path: '(file)', rule: `cannot be loaded: ${error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : 'error'}` }]);
    }
  }
  throw new InvalidConfig(source, [{ path: '(file)', rule: 'must be a .json file or a .js/.mjs module' }]);
};

/** Checks a configuration object (as read from the file) and resolves it; exported for tests and embedding. */
export const checkConfig = (raw: unknown, { source, env }: { readonly source: string; readonly env: Readonly<Record<string, string | undefined>> }): ServiceConfig => {
  const problems: ConfigProblem[] = [];
  // A passphrase written into the file is refused by name, not just as an unknown field.
  const certificate = (raw as { provider?: { certificate?: Record<string, unknown> } } | null)?.provider?.certificate;
  if (typeof certificate === 'object' && certificate !== null && 'passphrase' in certificate) {
    problems.push({ path: 'provider.certificate.passphrase', rule: 'must not be in the file: name an environment variable in passphraseEnv' });
  }
  // Job settings on the provider (the Posten adapter's own option before they were the county's policy) are refused by name.
  const provider = (raw as { provider?: Record<string, unknown> } | null)?.provider;
  if (typeof provider === 'object' && provider !== null && 'jobSettings' in provider) {
    problems.push({
      path: 'provider.jobSettings',
      rule: 'is the county\'s policy now: set requiredAuthentication, signatureType, identifierInSignedDocuments, activation and signerGroups in policy.default or policy.counties.<county>',
    });
  }
  // Each part is checked even when another part is malformed, so that one run lists every problem.
  const decoded = ServiceConfigCodec.decode(raw);
  const named = new Set(['provider.certificate.passphrase', 'provider.jobSettings']);
  if (decoded._tag === 'Left') problems.push(...problemsOf(decoded.left).filter((p) => !named.has(p.path)));
  const record = isRecord(raw) ? raw : {};
  const policy = policyFromConfig(wellFormedPolicy(record.policy));
  problems.push(...policy.problems, ...crossProblems(record));
  const postenInput = isRecord(record.provider) && record.provider.kind === 'posten' ? PostenProviderCodec.decode(record.provider) : undefined;
  const posten = postenInput?._tag === 'Right' ? postenSettings(postenInput.right, dirname(source), env, problems) : undefined;
  const staffInput = record.staff === undefined ? undefined : StaffConfigCodec.decode(record.staff);
  const staff = staffInput?._tag === 'Right' ? staffSettings(staffInput.right, env, problems) : undefined;
  const privacy = privacySettings(record, env, problems);
  if (decoded._tag === 'Left' || problems.length > 0) throw new InvalidConfig(source, problems);
  const input = decoded.right;

  return {
    source,
    storeUrl: input.store,
    policy: policy.book,
    provider:
      input.provider.kind === 'posten'
        ? posten!
        : {
            kind: 'simulated',
            seed: input.provider.seed ?? 1,
            clockSpeed: input.provider.clockSpeed ?? 1,
            profile: input.provider.profile,
            pollAfterEmptySeconds: input.provider.pollAfterEmptySeconds,
          },
    runner: { name: input.runner?.name ?? 'workflow-runner', intervalMs: (input.runner?.intervalSeconds ?? 60) * 1000, leaseMs: (input.runner?.leaseSeconds ?? 30) * 1000 },
    http: { host: input.http?.host ?? '127.0.0.1', port: input.http?.port ?? 9464 },
    log: { level: input.log?.level ?? 'info', format: input.log?.format ?? 'json' },
    shutdownGraceMs: (input.shutdown?.graceSeconds ?? 30) * 1000,
    ...(staff === undefined ? {} : { staff }),
    ...(privacy === undefined ? {} : { privacy }),
    ports: {
      ...(input.documents === undefined ? {} : { documents: input.documents as never }),
      ...(input.notifier === undefined ? {} : { notifier: input.notifier as never }),
      ...(input.archive === undefined ? {} : { archive: input.archive as never }),
      ...(input.vigo === undefined ? {} : { vigo: input.vigo as never }),
      ...(input.bundleSigner === undefined ? {} : { bundleSigner: input.bundleSigner as never }),
    },
  };
};

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);

/** The parts of `policy` that decode (the codec reports the others), so each county's ranges are checked even beside a typo elsewhere. */
const wellFormedPolicy = (raw: unknown): { default?: PolicyChanges; counties: Record<string, PolicyChanges> } => {
  const policy = isRecord(raw) ? raw : {};
  const fallback = PolicyChangesCodec.decode(policy.default ?? {});
  const counties: Record<string, PolicyChanges> = {};
  for (const [name, changes] of Object.entries(isRecord(policy.counties) ? policy.counties : {})) {
    const county = parseCounty(name);
    const decoded = PolicyChangesCodec.decode(changes);
    if (typeof county === 'string' && decoded._tag === 'Right') counties[county] = decoded.right;
  }
  return { ...(fallback._tag === 'Right' ? { default: fallback.right } : {}), counties };
};

/**
 * Rules across fields: what Posten needs that the simulation may leave out, and the store's scheme.
 * Read from the raw object, each rule only where its fields have the right type (the codec reports the rest).
 */
const crossProblems = (raw: Record<string, unknown>): ConfigProblem[] => {
  const problems: ConfigProblem[] = [];
  const kind = isRecord(raw.provider) ? raw.provider.kind : undefined;
  if (typeof raw.store === 'string') {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(raw.store)?.[1]?.toLowerCase();
    if (scheme === undefined || !storeSchemes.includes(scheme)) {
      problems.push({ path: 'store', rule: 'must start with sqlite:, postgres://, postgresql://, esdb:// or memory:' });
    } else if (scheme === 'memory' && kind !== 'simulated') {
      problems.push({ path: 'store', rule: 'memory: forgets everything on restart; it is for the simulated provider only' });
    }
  }
  const interval = isRecord(raw.runner) ? raw.runner.intervalSeconds : undefined;
  if (typeof interval === 'number' && !(interval > 0 && interval <= 3600)) problems.push({ path: 'runner.intervalSeconds', rule: 'must be more than 0 and at most 3600' });
  const profile = kind === 'simulated' && isRecord(raw.provider) && isRecord(raw.provider.profile) ? raw.provider.profile : {};
  for (const [key, chance] of Object.entries(profile)) {
    if (typeof chance === 'number' && !(chance >= 0 && chance <= 1)) problems.push({ path: `provider.profile.${key}`, rule: 'must be a chance from 0 to 1' });
  }
  if (kind === 'posten') {
    // Real signers must never get the placeholder page, and reminders, archiving and Vigo must go somewhere real.
    const needed = {
      documents: 'is required with the posten provider: a function (contract, order) => the contract PDF; the placeholder PDF is for the simulated provider only',
      notifier: 'is required with the posten provider: an object with sendReminder(), for the reminder the day before the deadline',
      archive: 'is required with the posten provider: an object with storeSignedContract(), the county archive',
      vigo: 'is required with the posten provider: an object with reportSigned(), the report back to Vigo',
    } as const;
    for (const [key, rule] of Object.entries(needed)) if (raw[key] === undefined) problems.push({ path: key, rule });
  }
  return problems;
};

/**
 * The master keys from the environment variable `privacy.masterKeysEnv` names (FAGSIGN_MASTER_KEYS
 * by default), and the retention policy. Problems name the variable and the rule, never a key.
 */
const privacySettings = (raw: Record<string, unknown>, env: Readonly<Record<string, string | undefined>>, problems: ConfigProblem[]): ServiceConfig['privacy'] => {
  // each field on its own, so a bad retention period does not hide a missing variable (the codec reports shapes)
  const input = isRecord(raw.privacy) ? raw.privacy : {};
  const named = typeof input.masterKeysEnv === 'string' && envNameShape.test(input.masterKeysEnv) ? input.masterKeysEnv : undefined;
  const retention = input.retention === undefined ? undefined : RetentionConfigCodec.decode(input.retention);
  const variable = named ?? masterKeyEnvVar;
  const path = named === undefined ? `(environment) ${masterKeyEnvVar}` : 'privacy.masterKeysEnv';
  const text = env[variable];
  let master: MasterKeys | undefined;
  if (text === undefined || text.trim() === '') {
    if (named !== undefined) problems.push({ path, rule: `names the environment variable ${variable}, which is not set` });
  } else {
    try {
      master = parseMasterKeys(text);
    } catch (error) {
      if (!(error instanceof PrivacyConfigurationError)) throw error;
      problems.push({ path, rule: error.message.replace(masterKeyEnvVar, variable) });
    }
  }
  if (retention !== undefined && master === undefined && !problems.some((p) => p.path === path)) {
    problems.push({ path: 'privacy.retention', rule: `needs the county's master keys (in ${variable}): erasure deletes a contract's data key` });
  }
  if (master !== undefined && typeof raw.store === 'string' && /^esdb/i.test(raw.store)) {
    problems.push({ path: 'store', rule: 'with master keys set, must be sqlite:, postgres:// or memory: (EventStoreDB has no table for the data keys; see docs/privacy.md)' });
  }
  return master === undefined ? undefined : { master, retention: retention?._tag === 'Right' ? retention.right : undefined };
};

type PostenInput = t.TypeOf<typeof PostenProviderCodec>;

const postenSettings = (input: PostenInput, base: string, env: Readonly<Record<string, string | undefined>>, problems: ConfigProblem[]): PostenSettings | undefined => {
  const secret = (path: string, name: string): string | undefined => {
    const value = env[name];
    if (value === undefined || value === '') problems.push({ path, rule: `names the environment variable ${name}, which is not set` });
    return value;
  };
  const file = (path: string, name: string): Buffer | undefined => {
    try {
      return readFileSync(resolve(base, name));
    } catch (error) {
      problems.push({ path, rule: `cannot read the file (${(error as { code?: string }).code ?? 'error'}); a relative path is read from the configuration file's folder` });
      return undefined;
    }
  };
  const { certificate } = input;
  const pkcs12 = certificate.pkcs12File === undefined ? undefined : file('provider.certificate.pkcs12File', certificate.pkcs12File);
  const pem = certificate.keyFile !== undefined || certificate.certFile !== undefined;
  if (certificate.pkcs12File === undefined && !pem) problems.push({ path: 'provider.certificate', rule: 'needs pkcs12File (a .p12/.pfx file) or keyFile and certFile (PEM key, and the chain with the enterprise certificate first)' });
  if (certificate.pkcs12File !== undefined && pem) problems.push({ path: 'provider.certificate', rule: 'give pkcs12File or keyFile and certFile, not both' });
  if (pem && (certificate.keyFile === undefined || certificate.certFile === undefined)) problems.push({ path: `provider.certificate.${certificate.keyFile === undefined ? 'keyFile' : 'certFile'}`, rule: 'is required with a PEM certificate: keyFile and certFile go together' });
  if (certificate.pkcs12File !== undefined && certificate.passphraseEnv === undefined) problems.push({ path: 'provider.certificate.passphraseEnv', rule: 'is required with pkcs12File: the environment variable that holds its passphrase' });
  const cert = pem && certificate.certFile !== undefined ? file('provider.certificate.certFile', certificate.certFile) : undefined;
  const key = pem && certificate.keyFile !== undefined ? file('provider.certificate.keyFile', certificate.keyFile) : undefined;
  // The transport trusts only the authorities named here (Posten's), never Node's default root store.
  if (certificate.caFile === undefined) problems.push({ path: 'provider.certificate.caFile', rule: "is required: the PEM file of the certificate authorities that issue Posten's server certificate (Buypass, Commfides; see the provider README for where to get them); node's default roots are never used" });
  const ca = certificate.caFile === undefined ? undefined : file('provider.certificate.caFile', certificate.caFile);
  const caProblem = ca === undefined ? undefined : certificateAuthorityProblem(ca);
  if (caProblem !== undefined) problems.push({ path: 'provider.certificate.caFile', rule: caProblem });
  const passphrase = certificate.passphraseEnv === undefined ? undefined : secret('provider.certificate.passphraseEnv', certificate.passphraseEnv);
  const signerKey = secret('provider.signerKeyEnv', input.signerKeyEnv);
  const source: CredentialSource | undefined =
    pkcs12 !== undefined && passphrase !== undefined
      ? { pkcs12, passphrase }
      : cert !== undefined && key !== undefined
        ? { key: key.toString('utf8'), chain: cert.toString('utf8'), ...(passphrase === undefined ? {} : { passphrase }) }
        : undefined;
  const credentials = source === undefined ? undefined : readCredentials(source, problems);
  if (credentials === undefined || ca === undefined || signerKey === undefined || problems.length > 0) return undefined;
  return {
    kind: 'posten',
    baseUrl: input.baseUrl,
    sender: input.sender as OrgNumber,
    credentials,
    server: {
      ca,
      ...(certificate.serverOrganizationNumber === undefined ? {} : { serverOrganizationNumber: certificate.serverOrganizationNumber }),
      ...(certificate.timeoutSeconds === undefined ? {} : { timeoutMs: certificate.timeoutSeconds * 1000 }),
    },
    signerKey,
    pollingQueue: input.pollingQueue,
  };
};

/** Reads the enterprise certificate now, so a wrong passphrase or a key that is not the certificate's stops the start. */
const readCredentials = (source: CredentialSource, problems: ConfigProblem[]): EnterpriseCredentials | undefined => {
  try {
    return enterpriseCredentials(source);
  } catch (error) {
    if (!(error instanceof EnterpriseCertificateError)) throw error;
    const why = { unreadable: 'cannot be read: a wrong passphrase, or not a certificate and key', 'no-certificate': 'holds no certificate', 'key-mismatch': 'holds a key that is not the certificate\'s', 'not-rsa': 'must hold an RSA key, as Posten requires' } as const;
    problems.push({ path: 'provider.certificate', rule: why[error.problem as keyof typeof why] ?? error.problem });
    return undefined;
  }
};
