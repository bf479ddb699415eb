import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { StaffIdentity } from './staff-settings.js';

/**
 * Every form carries a fresh form id (which is also the command's id, so a double submit is one
 * command) and a token: an HMAC over the clerk, the contract, the action and the form id with the
 * server's secret. A post from another site, another clerk, another contract or another form fails.
 */
export interface FormKey {
  readonly formId: string;
  readonly token: string;
}

const mac = (secret: string, identity: StaffIdentity, contractId: string, action: string, formId: string): string =>
  createHmac('sha256', secret).update([identity.user, identity.role, identity.county, identity.office ?? '', contractId, action, formId].join('\n')).digest('base64url');

export const newFormKey = (secret: string, identity: StaffIdentity, contractId: string, action: string): FormKey => {
  const formId = randomUUID();
  return { formId, token: mac(secret, identity, contractId, action, formId) };
};

export const validFormToken = (secret: string, identity: StaffIdentity, contractId: string, action: string, formId: string | undefined, token: string | undefined): boolean => {
  if (formId === undefined || token === undefined || !/^[0-9a-f-]{36}$/.test(formId)) return false;
  const expected = Buffer.from(mac(secret, identity, contractId, action, formId));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
};
