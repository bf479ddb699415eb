import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { throwawayCertificate } from '../testing/throwaway-certificate.js';
import { checkConfig, loadConfig } from './load-config.js';
import { InvalidConfig } from './invalid-config.js';

const dir = mkdtempSync(join(tmpdir(), 'fagsign-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const refusal = async (promise: Promise<unknown>): Promise<InvalidConfig> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidConfig);
  return error as InvalidConfig;
};

const certificate = throwawayCertificate(365, mkdtempSync(join(dir, 'cert-')));

/** The county's throw-away enterprise certificate as PEM files: the key encrypted with `passphrase`, the chain enterprise certificate first. */
const pemCertificate = (name: string, passphrase: string) => ({
  keyFile: write(`${name}.key`, createPrivateKey(certificate.key).export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase }).toString()),
  certFile: write(`${name}.chain.pem`, certificate.chain),
  caFile: certificate.caFile,
});

const check = (raw: unknown, env: Record<string, string> = {}) => checkConfig(raw, { source: join(dir, 'inline.json'), env });

describe('the configuration of fagsign run', () => {
  it('a simulated configuration with only the store and the provider gets every default', () => {
    const config = check({ store: 'sqlite:./fagsign.db', provider: { kind: 'simulated' } });
    expect(config).toMatchObject({
      storeUrl: 'sqlite:./fagsign.db',
      provider: { kind: 'simulated', seed: 1, clockSpeed: 1 },
      runner: { name: 'workflow-runner', intervalMs: 60_000, leaseMs: 30_000 },
      http: { host: '127.0.0.1', port: 9464 },
      log: { level: 'info', format: 'json' },
      shutdownGraceMs: 30_000,
      ports: {},
    });
    expect(config.policy('Telemark').validityDays).toBe(14);
  });

  it('lists every problem of a bad file at once, each with its path and rule', async () => {
    const file = write(
      'bad.json',
      JSON.stringify({
        store: 'postgres://fagsign:hemmelig@db.example/fagsign',
        provider: {
          kind: 'posten',
          baseUrl: 'http://api.signering.posten.no/api',
          sender: '123456789',
          certificate: { certFile: 'no-such.pem', keyFile: 'no-such.key', passphraseEnv: 'FAGSIGN_CERT_PASSPHRASE', passphrase: 'hemmelig' },
          signerKeyEnv: 'FAGSIGN_SIGNER_KEY',
        },
        policy: { default: { valdityDays: 14 }, counties: { Telemark: { validityDays: 500 }, Narnia: { validityDays: 14 } } },
        http: { port: 70000 },
        runner: { leaseSeconds: 1 },
        log: { level: 'loud' },
      }),
    );
    const error = await refusal(loadConfig(file, {}));
    const paths = error.problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'provider.certificate.passphrase',
        'provider.baseUrl',
        'provider.sender',
        'policy.default.valdityDays',
        'policy.counties.Telemark.validityDays',
        'policy.counties.Narnia',
        'documents',
        'http.port',
        'runner.leaseSeconds',
        'log.level',
      ]),
    );
    expect(error.problems.find((p) => p.path === 'provider.certificate.passphrase')?.rule).toMatch(/must not be in the file.*passphraseEnv/);
    expect(error.message).toContain(file);
    expect(error.message.split('\n')).toHaveLength(error.problems.length + 1);
    expect(error.message).not.toContain('hemmelig');
  });

  it('refuses a county policy outside what Posten allows, naming the county and the field', () => {
    let error: unknown;
    try {
      check({ store: 'sqlite:x.db', provider: { kind: 'simulated' }, policy: { counties: { telemark: { validityDays: 500 }, '31': { quietHours: { from: 25, to: 8 }, providerRetries: -1 } } } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidConfig);
    expect((error as InvalidConfig).problems).toHaveLength(3);
    expect((error as InvalidConfig).problems).toEqual(expect.arrayContaining([
      { path: 'policy.counties.Telemark.validityDays', rule: 'must be a whole number from 1 to 90 (Posten signering keeps a job open at most 90 days)' },
      { path: 'policy.counties.Østfold.quietHours.from', rule: 'must be a whole number from 0 to 23' },
      { path: 'policy.counties.Østfold.providerRetries', rule: 'must be a whole number from 0 to 10' },
    ]));
  });

  it("takes a county's settings per job into its policy, and refuses a wrong one naming the county and the field", () => {
    const config = check({
      store: 'sqlite:x.db',
      provider: { kind: 'simulated' },
      policy: {
        default: { requiredAuthentication: 4 },
        counties: { Telemark: { signatureType: 'authenticated', identifierInSignedDocuments: 'date-of-birth-and-name', activation: 'after-quiet-hours', signerGroups: { 'daglig-leder': 2 } } },
      },
    });
    expect(config.policy('Telemark')).toMatchObject({ requiredAuthentication: 4, signatureType: 'authenticated', identifierInSignedDocuments: 'date-of-birth-and-name', activation: 'after-quiet-hours', signerGroups: { 'daglig-leder': 2 } });
    expect(config.policy('Agder')).toMatchObject({ requiredAuthentication: 4, signatureType: null, activation: 'at-once', signerGroups: {} });
    let error: unknown;
    try {
      check({
        store: 'sqlite:x.db',
        provider: { kind: 'simulated' },
        policy: { default: { requiredAuthentication: 2 }, counties: { Telemark: { signatureType: 'QUALIFIED', signerGroups: { 'daglig-leder': 12 } }, Agder: { identifierInSignedDocuments: 7 } } },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidConfig);
    expect((error as InvalidConfig).problems).toEqual(expect.arrayContaining([
      { path: 'policy.default.requiredAuthentication', rule: "must be 3, 4, or null for the signing service's default" },
      { path: 'policy.counties.Telemark.signatureType', rule: 'must be "advanced", "authenticated", or null for the signing service\'s default' },
      { path: 'policy.counties.Telemark.signerGroups.daglig-leder', rule: expect.stringMatching(/^must be a whole number from 1 to 8 \(Posten signering's groups go to 9/) },
      { path: 'policy.counties.Agder.identifierInSignedDocuments', rule: "must be text, or null for the signing service's default" },
    ]));
    expect((error as InvalidConfig).problems).toHaveLength(4);
  });

  it('refuses job settings on the provider, pointing to the policy where they now belong', () => {
    expect(() => check({ store: 'sqlite:x.db', provider: { kind: 'simulated', jobSettings: { requiredAuthentication: 4 } } })).toThrow(
      /provider\.jobSettings: is the county's policy now: set requiredAuthentication, signatureType, identifierInSignedDocuments, activation and signerGroups in policy\.default/,
    );
  });

  it('gives each county its own policy over the default', () => {
    const config = check({ store: 'sqlite:x.db', provider: { kind: 'simulated' }, policy: { default: { validityDays: 21 }, counties: { Østfold: { reminderDaysBeforeDeadline: 2 } } } });
    expect(config.policy('Østfold')).toMatchObject({ validityDays: 21, reminderDaysBeforeDeadline: 2 });
    expect(config.policy('Telemark')).toMatchObject({ validityDays: 21, reminderDaysBeforeDeadline: 1 });
  });

  it('refuses Posten without the code parts: no placeholder PDF ever reaches a real signer', () => {
    const raw = {
      store: 'sqlite:x.db',
      provider: { kind: 'posten', baseUrl: 'https://api.signering.posten.no/api', sender: '974760673', certificate: { ...pemCertificate('code', 'p'), passphraseEnv: 'PASS' }, signerKeyEnv: 'SIGNER' },
    };
    let error: unknown;
    try {
      check(raw, { PASS: 'p', SIGNER: 's' });
    } catch (e) {
      error = e;
    }
    expect((error as InvalidConfig).problems.map((p) => p.path)).toEqual(['documents', 'notifier', 'archive', 'vigo']);
    expect((error as InvalidConfig).problems[0]!.rule).toMatch(/placeholder PDF is for the simulated provider only/);
  });

  const code = { documents: () => new Uint8Array(), notifier: { sendReminder: async () => undefined }, archive: { storeSignedContract: async () => ({ reference: 'r' }) }, vigo: { reportSigned: async () => undefined } };
  const posten = (certificate: Record<string, unknown>) => ({
    store: 'sqlite:x.db',
    provider: { kind: 'posten', baseUrl: 'https://api.signering.posten.no/api', sender: '974760673', certificate, signerKeyEnv: 'SIGNER' },
    ...code,
  });

  it('reads a PEM key and chain at start, the passphrase and the signer key from the named environment variables, and says which is missing', () => {
    const raw = posten({ ...pemCertificate('pem', 'the-passphrase'), passphraseEnv: 'PASS' });
    const config = check(raw, { PASS: 'the-passphrase', SIGNER: 'the-key' });
    if (config.provider.kind !== 'posten') throw new Error('not posten');
    expect(config.provider.signerKey).toBe('the-key');
    expect(config.provider.credentials.chain[0]!.subject).toContain('Telemark fylkeskommune');
    expect(config.provider.credentials.chain).toHaveLength(2);
    expect(config.provider.server.ca.toString()).toBe(readFileSync(certificate.caFile, 'utf8'));
    expect(config.ports.documents).toBe(code.documents);
    expect(config.ports.bundleSigner).toBeUndefined();
    expect(() => check(raw, { SIGNER: 'the-key' })).toThrow(/provider.certificate.passphraseEnv: names the environment variable PASS, which is not set/);
    const wrong = (() => {
      try {
        check(raw, { PASS: 'feil-passord', SIGNER: 'the-key' });
      } catch (e) {
        return e as InvalidConfig;
      }
    })();
    expect(wrong?.problems).toEqual([{ path: 'provider.certificate', rule: expect.stringMatching(/wrong passphrase/) }]);
    expect(wrong?.message).not.toContain('feil-passord');
  });

  it("refuses to start without Posten's roots, or with a file that holds none, naming caFile: never node's default roots", () => {
    const { caFile: _ca, ...withoutCa } = pemCertificate('noca', 'p');
    expect(() => check(posten({ ...withoutCa, passphraseEnv: 'PASS' }), { PASS: 'p', SIGNER: 's' })).toThrow(/provider\.certificate\.caFile: is required: the PEM file of the certificate authorities .*node's default roots are never used/);
    const empty = write('empty-ca.pem', '');
    expect(() => check(posten({ ...withoutCa, caFile: empty, passphraseEnv: 'PASS' }), { PASS: 'p', SIGNER: 's' })).toThrow(/provider\.certificate\.caFile: holds no PEM certificate/);
    const leaf = write('leaf-as-ca.pem', certificate.chain.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)![0]);
    expect(() => check(posten({ ...withoutCa, caFile: leaf, passphraseEnv: 'PASS' }), { PASS: 'p', SIGNER: 's' })).toThrow(/provider\.certificate\.caFile: holds a certificate that is not a certificate authority's/);
  });

  it('reads a PKCS#12 file as Buypass and Commfides deliver it, and refuses one without its passphrase variable', () => {
    const pem = pemCertificate('p12', 'x');
    const pkcs12File = join(dir, 'county.p12');
    execFileSync('openssl', ['pkcs12', '-export', '-inkey', certificate.keyFile, '-in', pem.certFile, '-out', pkcs12File, '-passout', 'pass:hemmelig-passord', '-certpbe', 'PBE-SHA1-3DES', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1'], { stdio: 'pipe' });
    const config = check(posten({ pkcs12File: 'county.p12', caFile: pem.caFile, passphraseEnv: 'P12_PASS' }), { P12_PASS: 'hemmelig-passord', SIGNER: 's' });
    expect(config.provider.kind === 'posten' && config.provider.credentials.chain[0]!.subject).toContain('Telemark fylkeskommune');
    expect(() => check(posten({ pkcs12File: 'county.p12', caFile: pem.caFile }), { SIGNER: 's' })).toThrow(/provider.certificate.passphraseEnv: is required with pkcs12File/);
    expect(() => check(posten({ pkcs12File: 'county.p12', ...pem, passphraseEnv: 'P12_PASS' }), { P12_PASS: 'hemmelig-passord', SIGNER: 's' })).toThrow(/give pkcs12File or keyFile and certFile, not both/);
  });

  it('loads a JS module whose default export holds the code parts', async () => {
    const file = write('fagsign.config.mjs', `export default { store: 'sqlite:x.db', provider: { kind: 'simulated', clockSpeed: 3600 }, documents: () => new Uint8Array([37, 80, 68, 70]) };`);
    const config = await loadConfig(file, {});
    expect(config.provider).toMatchObject({ kind: 'simulated', clockSpeed: 3600 });
    expect(typeof config.ports.documents).toBe('function');
  });

  it('accepts the example configuration of the operating guide', async () => {
    const example = fileURLToPath(new URL('../../../../docs/service/fagsign.example.json', import.meta.url));
    const config = await loadConfig(example, {});
    expect(config.policy('Østfold')).toMatchObject({ validityDays: 21, autoReissue: { enabled: true, maxOrders: 3 } });
    expect(config.policy('Telemark')).toMatchObject({ validityDays: 14, countySignsLast: true, signerGroups: { 'daglig-leder': 2 }, requiredAuthentication: 4, identifierInSignedDocuments: 'date-of-birth-and-name', activation: 'after-quiet-hours' });
  });

  it('says where a JSON file is broken without quoting it', async () => {
    const file = write('broken.json', '{\n  "store": "postgres://u:hemmelig@h/db",\n  "provider": { "kind": "simulated" },,\n}');
    const error = await refusal(loadConfig(file, {}));
    expect(error.problems).toEqual([{ path: '(file)', rule: expect.stringMatching(/^is not valid JSON/) }]);
    expect(error.message).not.toContain('hemmelig');
  });

  it('refuses code parts in a JSON file and an unknown store together, without echoing the URL', () => {
    let error: unknown;
    try {
      check({ store: 'mysql://u:hemmelig@h/db', provider: { kind: 'simulated' }, documents: 'contract.pdf' });
    } catch (e) {
      error = e;
    }
    expect((error as InvalidConfig).problems).toEqual([
      { path: 'documents', rule: expect.stringMatching(/from a JS config module/) },
      { path: 'store', rule: expect.stringMatching(/must start with sqlite:/) },
    ]);
    expect((error as Error).message).not.toContain('hemmelig');
  });
});

describe('the privacy part of the configuration', () => {
  const key = Buffer.alloc(32, 7).toString('base64');
  const retention = { signedAndArchivedMonths: 12, withdrawnMonths: 3, endedUnsignedMonths: 6 };

  it('takes the master keys from FAGSIGN_MASTER_KEYS, or the variable named, and the retention policy from the file', () => {
    const config = check({ store: 'sqlite:./f.db', provider: { kind: 'simulated' }, privacy: { retention } }, { FAGSIGN_MASTER_KEYS: `county:${key}` });
    expect(config.privacy?.master.current).toBe('county');
    expect(config.privacy?.retention).toEqual(retention);
    const named = check({ store: 'sqlite:./f.db', provider: { kind: 'simulated' }, privacy: { masterKeysEnv: 'TELEMARK_KEYS' } }, { TELEMARK_KEYS: `tm:${key}`, FAGSIGN_MASTER_KEYS: `other:${key}` });
    expect(named.privacy).toMatchObject({ master: { current: 'tm' }, retention: undefined });
    expect(check({ store: 'sqlite:./f.db', provider: { kind: 'simulated' } }).privacy).toBeUndefined();
  });

  it('lists every problem of the privacy part with the others, and never a key', () => {
    const error = (() => {
      try {
        check(
          { store: 'sqlite:./f.db', provider: { kind: 'simulated' }, runner: { intervalSeconds: 0 }, privacy: { retention: { signedAndArchivedMonths: 300, withdrawnMonths: 1.5 }, masterKeysEnv: 'MISSING_KEYS', colour: 'blue' } },
          { FAGSIGN_MASTER_KEYS: `county:${key}` },
        );
      } catch (e) {
        return e;
      }
      return undefined;
    })() as InvalidConfig;
    expect(error).toBeInstanceOf(InvalidConfig);
    expect(error.problems).toEqual(
      expect.arrayContaining([
        { path: 'runner.intervalSeconds', rule: 'must be more than 0 and at most 3600' },
        { path: 'privacy.retention.signedAndArchivedMonths', rule: 'must be a whole number from 0 to 240' },
        { path: 'privacy.retention.withdrawnMonths', rule: 'must be a whole number from 0 to 240' },
        { path: 'privacy.retention.endedUnsignedMonths', rule: 'must be a whole number from 0 to 240' },
        { path: 'privacy.masterKeysEnv', rule: 'names the environment variable MISSING_KEYS, which is not set' },
        expect.objectContaining({ path: 'privacy.colour' }),
      ]),
    );
    expect(error.message).not.toContain(key);
  });

  it('refuses a malformed key by the variable and its rule, retention without keys, and keys with EventStoreDB', () => {
    const problemsOf = (raw: unknown, env: Record<string, string>) => {
      try {
        check(raw, env);
      } catch (e) {
        return (e as InvalidConfig).problems;
      }
      return [];
    };
    const short = Buffer.alloc(16, 1).toString('base64');
    expect(problemsOf({ store: 'sqlite:./f.db', provider: { kind: 'simulated' }, privacy: { masterKeysEnv: 'TM_KEYS', retention } }, { TM_KEYS: `a:${short}` })).toEqual([
      { path: 'privacy.masterKeysEnv', rule: 'master key 1 (a) must be 32 bytes in base64' },
    ]);
    expect(problemsOf({ store: 'sqlite:./f.db', provider: { kind: 'simulated' }, privacy: { retention } }, {})).toEqual([
      { path: 'privacy.retention', rule: "needs the county's master keys (in FAGSIGN_MASTER_KEYS): erasure deletes a contract's data key" },
    ]);
    expect(problemsOf({ store: 'esdb://localhost:2113?tls=false', provider: { kind: 'simulated' } }, { FAGSIGN_MASTER_KEYS: `county:${key}` })).toEqual([
      expect.objectContaining({ path: 'store', rule: expect.stringContaining('EventStoreDB has no table for the data keys') }),
    ]);
  });
});
