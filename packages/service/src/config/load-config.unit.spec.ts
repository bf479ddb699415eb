import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
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

const check = (raw: unknown, env: Record<string, string> = {}) => checkConfig(raw, { source: join(dir, 'inline.json'), env });

describe('the configuration of fagsign run', () => {
  it('a simulated configuration with only the store and the provider gets every default', () => {
    const config = check({ store: 'sqlite:./fagsign.db', provider: { kind: 'simulated' } });
    expect(config).toMatchObject({
      storeUrl: 'sqlite:./fagsign.db',
      provider: { kind: 'simulated', seed: 1, clockSpeed: 1 },
      runner: { name: 'workflow-runner', intervalMs: 60_000 },
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
        'bundleSigner',
        'http.port',
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

  it('gives each county its own policy over the default', () => {
    const config = check({ store: 'sqlite:x.db', provider: { kind: 'simulated' }, policy: { default: { validityDays: 21 }, counties: { Østfold: { reminderDaysBeforeDeadline: 2 } } } });
    expect(config.policy('Østfold')).toMatchObject({ validityDays: 21, reminderDaysBeforeDeadline: 2 });
    expect(config.policy('Telemark')).toMatchObject({ validityDays: 21, reminderDaysBeforeDeadline: 1 });
  });

  it('refuses Posten without the code parts: no placeholder PDF ever reaches a real signer', () => {
    const certFile = write('cert.pem', 'CERT');
    const keyFile = write('key.pem', 'KEY');
    const caFile = write('ca.pem', 'CA');
    const raw = {
      store: 'sqlite:x.db',
      provider: { kind: 'posten', baseUrl: 'https://api.signering.posten.no/api', sender: '974760673', certificate: { certFile, keyFile, caFile, passphraseEnv: 'PASS' }, signerKeyEnv: 'SIGNER' },
    };
    let error: unknown;
    try {
      check(raw, { PASS: 'p', SIGNER: 's' });
    } catch (e) {
      error = e;
    }
    expect((error as InvalidConfig).problems.map((p) => p.path)).toEqual(['documents', 'notifier', 'archive', 'vigo', 'bundleSigner']);
    expect((error as InvalidConfig).problems[0]!.rule).toMatch(/placeholder PDF is for the simulated provider only/);
  });

  it('takes the passphrase and the signer key from the named environment variables, and says which is missing', () => {
    const certFile = write('cert2.pem', 'CERT');
    const keyFile = write('key2.pem', 'KEY');
    write('ca2.pem', 'CA');
    const code = { documents: () => new Uint8Array(), notifier: { sendReminder: async () => undefined }, archive: { storeSignedContract: async () => ({ reference: 'r' }) }, vigo: { reportSigned: async () => undefined }, bundleSigner: async () => new Uint8Array() };
    const raw = {
      store: 'sqlite:x.db',
      provider: { kind: 'posten', baseUrl: 'https://api.signering.posten.no/api', sender: '974760673', certificate: { certFile, keyFile: 'key2.pem', caFile: 'ca2.pem', passphraseEnv: 'PASS' }, signerKeyEnv: 'SIGNER' },
      ...code,
    };
    const config = check(raw, { PASS: 'the-passphrase', SIGNER: 'the-key' });
    expect(config.provider).toMatchObject({ kind: 'posten', signerKey: 'the-key', certificate: { passphrase: 'the-passphrase' } });
    expect(config.ports.documents).toBe(code.documents);
    void keyFile;
    expect(() => check(raw, { SIGNER: 'the-key' })).toThrow(/provider.certificate.passphraseEnv: names the environment variable PASS, which is not set/);
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
    expect(config.policy('Telemark')).toMatchObject({ validityDays: 14, countySignsLast: true });
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
