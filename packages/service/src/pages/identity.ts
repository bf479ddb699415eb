import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { identityFrom, type StaffAuth, type StaffIdentity } from './staff-settings.js';

const normalisedAddress = (address: string | undefined): string => (address ?? '').replace(/^::ffff:/, '');

/**
 * Who is asking, or undefined (the page answers 401). Proxy mode: the headers count only when the
 * request comes from one of the proxy's addresses (anyone else could set them). Tokens mode:
 * `Authorization: Bearer <token>` or Basic auth with the token as the password, compared by its SHA-256 in constant time.
 */
export const identityOf = (request: IncomingMessage, auth: StaffAuth): StaffIdentity | undefined => {
  if (auth.mode === 'proxy') {
    if (!auth.trustedProxies.map(normalisedAddress).includes(normalisedAddress(request.socket.remoteAddress))) return undefined;
    const header = (name: string) => {
      const value = request.headers[name.toLowerCase()];
      return typeof value === 'string' ? value : undefined;
    };
    const identity = identityFrom({ user: header(auth.headers.user), role: header(auth.headers.role), county: header(auth.headers.county), office: header(auth.headers.office) });
    return typeof identity === 'string' ? undefined : identity;
  }
  // A script sends `Bearer <token>`; a browser asks for Basic auth (the token as the password) after a 401.
  const header = request.headers.authorization ?? '';
  const bearer = /^Bearer ([\x21-\x7e]{16,200})$/.exec(header)?.[1];
  const basic = /^Basic ([A-Za-z0-9+/=]{1,400})$/.exec(header)?.[1];
  const token = bearer ?? (basic === undefined ? undefined : Buffer.from(basic, 'base64').toString('utf8').split(':').slice(1).join(':'));
  if (token === undefined || token.length < 16) return undefined;
  const digest = createHash('sha256').update(token).digest();
  return auth.tokens.find((entry) => timingSafeEqual(Buffer.from(entry.sha256, 'hex'), digest))?.identity;
};
