import * as t from 'io-ts';
import { parseCounty, parseOrgNumber } from '@fagsign/domain';
import { bool, keyedBy, number, oneOf, strictObject, text, wholeNumber } from './codec.js';
import { StaffConfigCodec } from '../pages/staff-settings.js';

/*
 * The shape of `fagsign run`'s configuration, as a JSON file or a JS module's default export. What
 * is code (documents, notifier, archive, Vigo, the bundle signer) can only come from a module.
 * Ranges that the domain owns (the signing policy's) are checked by the domain's own rules after
 * decoding (see policy-config.ts), so they are stated once.
 */

const nullableNumber = new t.Type<number | null, unknown, unknown>(
  'number | null',
  (u): u is number | null => u === null || typeof u === 'number',
  (u, c) => (u === null || (typeof u === 'number' && Number.isFinite(u)) ? t.success(u as number | null) : t.failure(u, c, 'must be a number, or null for none')),
  t.identity,
);

const numberList = new t.Type<number[], unknown, unknown>(
  'number[]',
  (u): u is number[] => Array.isArray(u),
  (u, c) => (Array.isArray(u) && u.every((n) => typeof n === 'number') ? t.success(u as number[]) : t.failure(u, c, 'must be a list of numbers')),
  t.identity,
);

const nullableText = new t.Type<string | null, unknown, unknown>(
  'string | null',
  (u): u is string | null => u === null || typeof u === 'string',
  (u, c) => (u === null || typeof u === 'string' ? t.success(u as string | null) : t.failure(u, c, "must be text, or null for the signing service's default")),
  t.identity,
);

/** Any part of a SigningPolicy; the rest comes from `policy.default`, then the domain's defaultPolicy. */
export const PolicyChangesCodec = strictObject(
  'SigningPolicy',
  {},
  {
    validityDays: number,
    reminderDaysBeforeDeadline: nullableNumber,
    quietHours: strictObject('QuietHours', { from: number, to: number }),
    providerRetries: number,
    retryHour: number,
    countySignsLast: bool,
    guardianSignsForMinors: bool,
    officeSigns: bool,
    autoReissue: strictObject('AutoReissue', {}, { enabled: bool, maxOrders: number }),
    expiryGraceMinutes: number,
    followUpRetryMinutes: numberList,
    // What the county sets per job; which values are allowed is the domain's rule (policyViolations).
    signerGroups: keyedBy('SignerGroups', (role) => role, number),
    requiredAuthentication: nullableNumber,
    signatureType: nullableText,
    identifierInSignedDocuments: nullableText,
    activation: text(),
  },
);
export type PolicyChanges = t.TypeOf<typeof PolicyChangesCodec>;

const PolicyConfigCodec = strictObject('PolicyConfig', {}, { default: PolicyChangesCodec, counties: keyedBy('Counties', parseCounty, PolicyChangesCodec) });

const orgNumber = text('must be 9 digits with a valid check digit', (s) => typeof parseOrgNumber(s) === 'string');
/** The shape of an environment variable's name, as the configuration names its secrets. */
export const envNameShape = /^[A-Za-z_][A-Za-z0-9_]*$/;
const envName = text('must be the name of an environment variable (A–Z, 0–9, _)', (s) => envNameShape.test(s));
const httpsUrl = text('must be an https:// URL', (s) => /^https:\/\/[^\s/]+/.test(s));

export const SimulatedProviderCodec = strictObject(
  'SimulatedProvider',
  { kind: oneOf('kind', ['simulated'] as const) },
  {
    seed: wholeNumber(0, 2 ** 31 - 1),
    /** Test and demo only: simulated seconds per real second (3600: an hour a second). */
    clockSpeed: wholeNumber(1, 1_000_000),
    /** Chances (0–1) for signers the simulation draws: reject, wait for a reminder, never answer. */
    profile: strictObject('SignerProfile', {}, { rejectChance: number, needsReminderChance: number, noResponseChance: number }),
    /** Seconds the simulated service asks us to wait after an empty poll (Posten: 600). */
    pollAfterEmptySeconds: wholeNumber(0, 3600),
  },
);

export const PostenProviderCodec = strictObject(
  'PostenProvider',
  {
    kind: oneOf('kind', ['posten'] as const),
    baseUrl: httpsUrl,
    sender: orgNumber,
    /** The enterprise certificate: a PKCS#12 file, or a PEM key and chain; which one is checked after decoding. */
    certificate: strictObject(
      'Certificate',
      {},
      { pkcs12File: text(), certFile: text(), keyFile: text(), passphraseEnv: envName, caFile: text(), serverOrganizationNumber: orgNumber, timeoutSeconds: wholeNumber(1, 600) },
    ),
    signerKeyEnv: envName,
  },
  { pollingQueue: text() },
);

/** Picks the provider's codec by `kind`, so that problems name the fields of the kind meant. */
export const ProviderConfigCodec = new t.Type<t.TypeOf<typeof SimulatedProviderCodec> | t.TypeOf<typeof PostenProviderCodec>, unknown, unknown>(
  'ProviderConfig',
  (u): u is t.TypeOf<typeof SimulatedProviderCodec> => typeof u === 'object' && u !== null,
  (u, c) => {
    const kind = typeof u === 'object' && u !== null ? (u as { kind?: unknown }).kind : undefined;
    if (kind === 'simulated') return SimulatedProviderCodec.validate(u, c);
    if (kind === 'posten') return PostenProviderCodec.validate(u, c);
    if (typeof u !== 'object' || u === null) return t.failure(u, c, u === undefined ? 'is required' : 'must be an object');
    return t.failure(kind, t.appendContext(c, 'kind', t.unknown, kind), 'must be "simulated" or "posten"');
  },
  t.identity,
);

const fn = (what: string) =>
  new t.Type<(...args: never[]) => unknown, unknown, unknown>(
    'function',
    (u): u is (...args: never[]) => unknown => typeof u === 'function',
    (u, c) => (typeof u === 'function' ? t.success(u as (...args: never[]) => unknown) : t.failure(u, c, `must be ${what}, from a JS config module`)),
    t.identity,
  );

const port = (method: string) =>
  new t.Type<Record<string, unknown>, unknown, unknown>(
    method,
    (u): u is Record<string, unknown> => typeof u === 'object' && u !== null,
    (u, c) =>
      typeof u === 'object' && u !== null && typeof (u as Record<string, unknown>)[method] === 'function'
        ? t.success(u as Record<string, unknown>)
        : t.failure(u, c, `must be an object with a ${method}() method, from a JS config module`),
    t.identity,
  );

const months = wholeNumber(0, 240);

/** A county's retention policy: months after a contract ended before its personal data is erased. */
export const RetentionConfigCodec = strictObject('Retention', { signedAndArchivedMonths: months, withdrawnMonths: months, endedUnsignedMonths: months });

/**
 * Personal data: which environment variable holds the county's master keys (default
 * FAGSIGN_MASTER_KEYS; the keys themselves never stand in the file), and the retention policy in
 * months after a contract ended, per way it ended.
 */
export const PrivacyConfigCodec = strictObject(
  'Privacy',
  {},
  {
    masterKeysEnv: envName,
    retention: RetentionConfigCodec,
  },
);

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const ServiceConfigCodec = strictObject(
  'ServiceConfig',
  { store: text('must be an event store URL such as sqlite:/var/lib/fagsign/fagsign.db'), provider: ProviderConfigCodec },
  {
    policy: PolicyConfigCodec,
    runner: strictObject('Runner', {}, { name: text(), intervalSeconds: number, leaseSeconds: wholeNumber(2, 600) }),
    http: strictObject('Http', {}, { host: text(), port: wholeNumber(0, 65535) }),
    log: strictObject('Log', {}, { level: oneOf('level', logLevels), format: oneOf('format', ['json', 'pretty'] as const) }),
    shutdown: strictObject('Shutdown', {}, { graceSeconds: wholeNumber(1, 3600) }),
    /** The staff pages: off unless configured. */
    staff: StaffConfigCodec,
    /** Master keys (by the name of their environment variable) and the retention policy. */
    privacy: PrivacyConfigCodec,
    documents: fn('a function (contract, order) => PDF bytes'),
    notifier: port('sendReminder'),
    archive: port('storeSignedContract'),
    vigo: port('reportSigned'),
    bundleSigner: fn('a function (files) => signatures.xml bytes'),
  },
);
