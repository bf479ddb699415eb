import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { decodeCommand } from '../contract/codecs.js';
import { printable, textViolation } from './text-rule.js';

/** A valid registration and order commands, as plain JSON from Vigo or a staff page. */
const registration = () => ({
  type: 'RegisterContract',
  contractId: 'LK-2026-000001',
  county: 'Telemark',
  contractType: 'laerekontrakt',
  startDate: '2026-09-01',
  office: { orgNumber: '974760673', name: 'Opplæringskontoret for Bilfag', kind: 'opplaeringskontor' },
  company: { orgNumber: '974760673', name: 'Bilverksted AS' },
  parties: [
    { role: 'laerling', name: 'Ola Nordmann', personalId: '14050750028', mobile: '912 34 567' },
    { role: 'faglig-leder', name: 'Kari Fagleder', email: 'kari.fagleder@bilverksted.no' },
  ],
});
const createOrder = () => ({ type: 'CreateOrder', overrides: [{ code: 'email-shared-mailbox', reason: 'Ringte og avtalte', by: 'saksbehandler' }] });
const accepted = () => ({ type: 'RecordOrderAccepted', orderId: 'LK-2026-000001/1', providerJobId: 'job-1' });

type Input = Record<string, unknown>;
const at = (input: Input, path: string, value: string): Input => {
  const copy = structuredClone(input);
  const keys = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  let node = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1)!] = value;
  return copy;
};

/** Every text field a county or the signing service fills in, with the command it belongs to. */
const fields: [string, () => Input][] = [
  ['contractId', registration],
  ['county', registration],
  ['startDate', registration],
  ['office.orgNumber', registration],
  ['office.name', registration],
  ['company.name', registration],
  ['parties[0].name', registration],
  ['parties[0].personalId', registration],
  ['parties[0].mobile', registration],
  ['parties[1].email', registration],
  ['overrides[0].reason', createOrder],
  ['overrides[0].by', createOrder],
  ['providerJobId', accepted],
];
const valueAt = (input: Input, path: string): string =>
  path.replace(/\[(\d+)\]/g, '.$1').split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], input) as string;

const refusedAt = (input: Input, path: string): string | undefined => {
  const decoded = decodeCommand(input);
  if (decoded._tag === 'Right') return undefined;
  return decoded.left.violations.find((v) => v.path === path)?.rule;
};

const bad: [string, string][] = [
  ['NUL', '\u0000'],
  ['an ANSI escape code', '\u001B[31m'],
  ['a backspace', '\u0008'],
  ['a C1 control (CSI)', '\u009B'],
  ['DEL', '\u007F'],
  ['a right-to-left override', '\u202E'],
  ['a bidi isolate', '\u2066'],
  ['a lone high surrogate', '\uD83D'],
  ['a lone low surrogate', '\uDE00'],
];

describe('the text rule, in every text field', () => {
  it('accepts the valid commands it is tried on', () => {
    for (const make of [registration, createOrder, accepted]) expect(decodeCommand(make())._tag).toBe('Right');
  });

  it.each(fields)('%s: refuses NUL, control, C1, bidi-override and lone-surrogate characters, naming the field', (path, make) => {
    for (const [, character] of bad) {
      const input = make();
      const value = valueAt(input, path);
      const rule = refusedAt(at(input, path, value.slice(0, 2) + character + value.slice(2)), path);
      expect(rule, `${path} with U+${character.charCodeAt(0).toString(16)}`).toMatch(/control|bidirectional|surrogate|must /);
    }
  });

  it.each(fields)('%s: refuses a 10 MB value in milliseconds, before any normalisation', (path, make) => {
    const huge = `${'  a  '.repeat(2_000_000)}@x.no`;
    const started = performance.now();
    const rule = refusedAt(at(make(), path, huge), path);
    const elapsedMs = performance.now() - started;
    expect(rule).toMatch(/must be at most \d+ characters/);
    // a complexity guard, not a benchmark: a quadratic or normalise-first path takes seconds
    expect(elapsedMs).toBeLessThan(200);
  });

  it('allows line breaks and tabs only where a field says so: a reason keeps them, a name folds them, a job id refuses them', () => {
    expect(decodeCommand(at(createOrder(), 'overrides[0].reason', 'Ringte lærlingen.\nAvtalte ny adresse.'))._tag).toBe('Right');
    const named = decodeCommand(at(registration(), 'office.name', 'OK\tBilfag\n'));
    expect(named._tag === 'Right' && named.right.type === 'RegisterContract' && named.right.office.name).toBe('OK Bilfag');
    expect(refusedAt(at(accepted(), 'providerJobId', 'job\n1'), 'providerJobId')).toMatch(/control characters/);
  });

  test.prop([fc.constantFrom(...fields), fc.array(fc.oneof(fc.integer({ min: 0, max: 0xa0 }).map((c) => String.fromCharCode(c)), fc.constantFrom('\u202E', '\u2069', '\uD800', '\uDFFF', '😀', 'æ', 'Ø', ' ', 'a', '9')), { maxLength: 30 }), fc.constantFrom(1, 1, 1, 50, 1_000, 100_000)], { numRuns: 300 })(
    'a field either refuses a text with its path and a rule, or keeps a value free of control characters and within its limit',
    ([path, make], pieces, times) => {
      const text = pieces.join('').repeat(times);
      const decoded = decodeCommand(at(make(), path, text));
      if (decoded._tag === 'Left') {
        expect(decoded.left.violations.map((v) => v.path)).toContain(path);
        return;
      }
      const kept = valueAt(JSON.parse(JSON.stringify(decoded.right, (_k, v: unknown) => (v !== null && typeof v === 'object' && 'reveal' in v ? (v as { reveal(): string }).reveal() : v))), path);
      expect(textViolation(kept, { maxLength: 2000, whitespaceControls: path.endsWith('reason') })).toBeUndefined();
    },
  );
});

describe('printable, the terminal renderers’ second line of defence', () => {
  it('turns escape codes, C1 controls, bidi overrides and broken characters into U+FFFD and leaves æøå and emoji', () => {
    expect(printable('OK \u001B[2J\u001B[31mBilfag\u009B\u202E æøå 😀 \uD800')).toBe('OK \uFFFD[2J\uFFFD[31mBilfag\uFFFD\uFFFD æøå 😀 \uFFFD');
  });
});

describe('textViolation, the hand-written scan', () => {
  // The rule as it was written before the scan replaced it, kept as the oracle.
  const forbidden = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  const forbiddenExceptWhitespace = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  const byRegex = (s: string, limits: { maxLength: number; whitespaceControls?: boolean }): string | undefined => {
    if (s.length > limits.maxLength) return `must be at most ${limits.maxLength} characters`;
    const match = (limits.whitespaceControls === true ? forbiddenExceptWhitespace : forbidden).exec(s);
    if (match === null) return undefined;
    const code = match[0].charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdfff) return 'must not contain a broken character (a lone surrogate)';
    if (code >= 0x202a) return 'must not contain a bidirectional override character';
    return `must not contain control characters (found U+${code.toString(16).toUpperCase().padStart(4, '0')} at position ${match.index + 1})`;
  };
  const edges = ['\u0000', '\t', '\n', '\u000B', '\r', '\u001F', ' ', '~', '\u007F', '\u009F', '\u00A0', 'æ', '\u2029', '\u202A', '\u202E', '\u202F', '\u2065', '\u2066', '\u2069', '\u206A', '\uD7FF', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uE000', '😀', '\uFFFF'];
  const unit = fc.oneof(fc.constantFrom(...edges), fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), fc.constantFrom('a', 'Z', '0', '-'));

  test.prop([fc.array(unit, { maxLength: 40 }).map((units) => units.join('')), fc.boolean(), fc.integer({ min: 0, max: 45 })], { numRuns: 5000 })(
    'answers what the regular expression answers, rule, character and position',
    (text, whitespaceControls, maxLength) => {
      expect(textViolation(text, { maxLength, whitespaceControls })).toBe(byRegex(text, { maxLength, whitespaceControls }));
      expect(textViolation(text, { maxLength: 1000, whitespaceControls })).toBe(byRegex(text, { maxLength: 1000, whitespaceControls }));
    },
  );
});
