import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { osloTime, type StatusRow } from '@fagsign/projections';
import { newFormKey, validFormToken } from './csrf.js';
import { esc, html } from './html.js';
import { identityOf } from './identity.js';
import { osloMinute } from './oslo-time.js';
import { clerkOrder, mayAccess } from './report-pages.js';
import { defaultHeaders, type StaffAuth, type StaffIdentity } from './staff-settings.js';

const request = (address: string, headers: Record<string, string>): IncomingMessage => ({ socket: { remoteAddress: address }, headers }) as unknown as IncomingMessage;
const proxy: StaffAuth = { mode: 'proxy', trustedProxies: ['10.0.0.5'], headers: defaultHeaders };
const clerkHeaders = { 'x-forwarded-user': 'clerk-a', 'x-fagsign-role': 'office', 'x-fagsign-county': 'Telemark', 'x-fagsign-office': '974760673' };
const clerk: StaffIdentity = { user: 'clerk-a', role: 'office', county: 'Telemark', office: '974760673' };

describe('who is asking', () => {
  it("takes the proxy's headers only from the proxy's address", () => {
    expect(identityOf(request('10.0.0.5', clerkHeaders), proxy)).toEqual(clerk);
    expect(identityOf(request('::ffff:10.0.0.5', clerkHeaders), proxy)).toEqual(clerk);
    expect(identityOf(request('10.0.0.6', clerkHeaders), proxy)).toBeUndefined();
  });

  it('refuses an office clerk without a valid office, and an unknown role', () => {
    expect(identityOf(request('10.0.0.5', { ...clerkHeaders, 'x-fagsign-office': '123' }), proxy)).toBeUndefined();
    expect(identityOf(request('10.0.0.5', { ...clerkHeaders, 'x-fagsign-role': 'admin' }), proxy)).toBeUndefined();
    expect(identityOf(request('10.0.0.5', {}), proxy)).toBeUndefined();
  });

  it('knows a static token as Bearer or as the Basic password, and nothing else', () => {
    const token = 'a-static-token-for-a-small-county';
    const auth: StaffAuth = { mode: 'tokens', tokens: [{ sha256: createHash('sha256').update(token).digest('hex'), identity: clerk }] };
    expect(identityOf(request('192.0.2.1', { authorization: `Bearer ${token}` }), auth)).toEqual(clerk);
    expect(identityOf(request('192.0.2.1', { authorization: `Basic ${Buffer.from(`anyone:${token}`).toString('base64')}` }), auth)).toEqual(clerk);
    expect(identityOf(request('192.0.2.1', { authorization: 'Bearer another-token-of-enough-length' }), auth)).toBeUndefined();
    expect(identityOf(request('192.0.2.1', clerkHeaders), auth)).toBeUndefined();
  });

  it('lets office staff reach their own office only, county staff their whole county', () => {
    expect(mayAccess(clerk, 'Telemark', '974760673')).toBe(true);
    expect(mayAccess(clerk, 'Telemark', '911111111')).toBe(false);
    expect(mayAccess({ ...clerk, role: 'county', office: undefined }, 'Telemark', '911111111')).toBe(true);
    expect(mayAccess({ ...clerk, role: 'county', office: undefined }, 'Agder', '911111111')).toBe(false);
  });
});

describe('form tokens', () => {
  it('hold only for the same clerk, contract, action and form', () => {
    const key = newFormKey('s'.repeat(40), clerk, 'A-1', 'send');
    expect(validFormToken('s'.repeat(40), clerk, 'A-1', 'send', key.formId, key.token)).toBe(true);
    expect(validFormToken('s'.repeat(40), clerk, 'A-2', 'send', key.formId, key.token)).toBe(false);
    expect(validFormToken('s'.repeat(40), clerk, 'A-1', 'withdraw', key.formId, key.token)).toBe(false);
    expect(validFormToken('s'.repeat(40), { ...clerk, user: 'clerk-b' }, 'A-1', 'send', key.formId, key.token)).toBe(false);
    expect(validFormToken('t'.repeat(40), clerk, 'A-1', 'send', key.formId, key.token)).toBe(false);
    expect(validFormToken('s'.repeat(40), clerk, 'A-1', 'send', key.formId, undefined)).toBe(false);
  });
});

describe('pages', () => {
  it('escape every value, in text and in attributes', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = html`<p title="${s}">${s}</p>`.text;
        expect(out.slice(3).includes('<p')).toBe(false);
        expect(esc(s)).not.toMatch(/[<>"']/);
      }),
    );
    expect(html`<td>${'<script>alert(1)</script>'}</td>`.text).toBe('<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>');
  });

  it('write Oslo time as osloTime does, across the DST switches', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2035-12-31T00:00:00Z') }), (ms) => {
        const instant = new Date(ms).toISOString();
        expect(osloMinute(instant)).toBe(osloTime(instant as never));
      }),
    );
    expect(osloMinute('2026-03-29T00:59:00.000Z')).toBe('2026-03-29 01:59');
    expect(osloMinute('2026-03-29T01:00:00.000Z')).toBe('2026-03-29 03:00');
  });

  it('put the rows that need the clerk first, keeping the report order otherwise', () => {
    const row = (contractId: string, status: StatusRow['status'], daysLeft: number | null = null): StatusRow =>
      ({ contractId, status, daysLeft, pendingRoles: daysLeft === null ? [] : ['laerling'], followUp: null }) as unknown as StatusRow;
    const rows = [row('1', 'in-signing', 5), row('2', 'in-signing', 0), row('3', 'registered'), row('4', 'signed-manually'), row('5', 'order-ended')];
    expect(clerkOrder(rows).map((r) => r.contractId)).toEqual(['2', '3', '5', '1', '4']);
  });
});
