import * as t from 'io-ts';
import type { County } from '@fagsign/domain';
import { parseCounty, parseOrgNumber } from '@fagsign/domain';
import { oneOf, strictObject, text, wholeNumber } from '../config/codec.js';
import type { ConfigProblem } from '../config/codec.js';

/** Who a request is: from the county's login proxy's headers, or from a static token. */
export interface StaffIdentity {
  /** An opaque staff id (the proxy's user id, e.g. the OIDC subject); recorded on the clerk's events. */
  readonly user: string;
  readonly role: 'office' | 'county';
  readonly county: County;
  /** The office's organisation number; only for office staff. */
  readonly office: string | undefined;
}

/** A static staff token, by its hash, and the identity it logs in as: for tokens mode, where there is no login proxy. */
export interface StaffTokenEntry {
  /** SHA-256 (hex) of the token; the token itself is never in the file. */
  readonly sha256: string;
  readonly identity: StaffIdentity;
}

/** How a request's identity is known: the login proxy's headers from its addresses, or static tokens. */
export type StaffAuth =
  | { readonly mode: 'proxy'; readonly trustedProxies: readonly string[]; readonly headers: { readonly user: string; readonly role: string; readonly county: string; readonly office: string } }
  | { readonly mode: 'tokens'; readonly tokens: readonly StaffTokenEntry[] };

/** The staff pages' settings, checked: the secret read from its environment variable. */
export interface StaffSettings {
  readonly host: string;
  readonly port: number;
  /** Signs the forms' CSRF tokens; from the environment, never the file. */
  readonly secret: string;
  readonly auth: StaffAuth;
}

const stringList = (rule: string, test: (s: string) => boolean) =>
  new t.Type<string[], unknown, unknown>(
    'string[]',
    (u): u is string[] => Array.isArray(u),
    (u, c) => (Array.isArray(u) && u.length > 0 && u.every((s) => typeof s === 'string' && test(s)) ? t.success(u as string[]) : t.failure(u, c, rule)),
    t.identity,
  );

const headerName = text('must be an HTTP header name', (s) => /^[A-Za-z0-9-]{1,64}$/.test(s));
const TokenCodec = strictObject(
  'StaffToken',
  { sha256: text('must be 64 hex digits (sha256 of the token)', (s) => /^[0-9a-f]{64}$/.test(s)), user: text(), role: oneOf('role', ['office', 'county'] as const), county: text() },
  { office: text() },
);
const tokenList = new t.Type<t.TypeOf<typeof TokenCodec>[], unknown, unknown>(
  'StaffToken[]',
  (u): u is t.TypeOf<typeof TokenCodec>[] => Array.isArray(u),
  (u, c) => {
    if (!Array.isArray(u)) return t.failure(u, c, 'must be a list of tokens');
    const out: t.TypeOf<typeof TokenCodec>[] = [];
    const errors: t.Errors = [];
    u.forEach((item, i) => {
      const decoded = TokenCodec.validate(item, t.appendContext(c, String(i), TokenCodec, item));
      if (decoded._tag === 'Left') errors.push(...decoded.left);
      else out.push(decoded.right);
    });
    return errors.length > 0 ? t.failures(errors) : t.success(out);
  },
  t.identity,
);

export const StaffConfigCodec = strictObject(
  'Staff',
  { port: wholeNumber(0, 65535), secretEnv: text('must be the name of an environment variable', (s) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s)) },
  {
    host: text(),
    auth: strictObject(
      'StaffAuth',
      { mode: oneOf('mode', ['proxy', 'tokens'] as const) },
      {
        trustedProxies: stringList('must be a list of IP addresses', (s) => /^[0-9a-fA-F.:]+$/.test(s)),
        headers: strictObject('StaffHeaders', {}, { user: headerName, role: headerName, county: headerName, office: headerName }),
        tokens: tokenList,
      },
    ),
  },
);
export type StaffConfig = t.TypeOf<typeof StaffConfigCodec>;

export const defaultHeaders = { user: 'X-Forwarded-User', role: 'X-Fagsign-Role', county: 'X-Fagsign-County', office: 'X-Fagsign-Office' } as const;

/** Resolves the decoded `staff` part: the secret from the environment, counties and offices checked; problems pushed. */
export const staffSettings = (input: StaffConfig, env: Readonly<Record<string, string | undefined>>, problems: ConfigProblem[]): StaffSettings | undefined => {
  const secret = env[input.secretEnv];
  if (secret === undefined || secret.length < 32) problems.push({ path: 'staff.secretEnv', rule: `names the environment variable ${input.secretEnv}, which must hold at least 32 characters` });
  const auth = input.auth ?? { mode: 'proxy' as const };
  let resolved: StaffAuth | undefined;
  if (auth.mode === 'proxy') {
    resolved = { mode: 'proxy', trustedProxies: auth.trustedProxies ?? ['127.0.0.1', '::1'], headers: { ...defaultHeaders, ...auth.headers } };
  } else if (auth.tokens === undefined) {
    problems.push({ path: 'staff.auth.tokens', rule: 'is required in the tokens mode' });
  } else {
    const tokens: StaffTokenEntry[] = [];
    auth.tokens.forEach((entry, i) => {
      const identity = identityFrom({ user: entry.user, role: entry.role, county: entry.county, office: entry.office });
      if (typeof identity === 'string') problems.push({ path: `staff.auth.tokens.${i}`, rule: identity });
      else tokens.push({ sha256: entry.sha256, identity });
    });
    resolved = { mode: 'tokens', tokens };
  }
  if (secret === undefined || secret.length < 32 || resolved === undefined) return undefined;
  return { host: input.host ?? '127.0.0.1', port: input.port, secret, auth: resolved };
};

/** An identity from its four parts as the proxy or the token file gives them, or the rule it breaks. */
export const identityFrom = (raw: { user?: string | undefined; role?: string | undefined; county?: string | undefined; office?: string | undefined }): StaffIdentity | string => {
  const user = raw.user?.trim() ?? '';
  if (!/^[\p{L}0-9_.@+-]{1,100}$/u.test(user)) return 'the user must be an id of letters, digits and _.@+- (at most 100)';
  if (raw.role !== 'office' && raw.role !== 'county') return 'the role must be "office" or "county"';
  const county = parseCounty(raw.county ?? '');
  if (typeof county !== 'string') return 'the county must be a county name or number';
  if (raw.role === 'county') return { user, role: 'county', county, office: undefined };
  const office = parseOrgNumber((raw.office ?? '').replace(/\s/g, ''));
  if (typeof office !== 'string') return 'office staff need the office organisation number';
  return { user, role: 'office', county, office };
};
