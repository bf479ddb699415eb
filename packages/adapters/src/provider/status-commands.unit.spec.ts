import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { registerContractArb } from '@fagsign/domain/testing';
import type { Instant, OrderState, PartyRole } from '@fagsign/domain';
import { commandsForStatusChange } from './status-commands.js';
import type { SignerReport, StatusChange } from './signing-provider.js';
import { contractWithOrder } from './testing/orders.js';

const since = '2026-08-05T10:15:00.000Z' as Instant;
const base = contractWithOrder(fc.sample(registerContractArb(), { seed: 11, numRuns: 1 })[0]!, '2026-08-03T09:00:00.000Z');
const order: OrderState = { ...base.order, status: 'accepted', providerJobId: '42' };
const [first, second] = order.signers.map((s) => s.role) as [PartyRole, PartyRole];

const change = (jobStatus: string, ...signers: [PartyRole | undefined, string][]): StatusChange => ({
  orderId: order.orderId,
  providerJobId: '42',
  jobStatus,
  signers: signers.map(([role, status], position): SignerReport => ({ role, status, since, position })),
  confirmation: { provider: 'test', token: 't' },
});

describe('commandsForStatusChange', () => {
  it('records a signature with the time the service gives', () => {
    const { commands, unrecognised } = commandsForStatusChange(change('IN_PROGRESS', [first, 'SIGNED'], [second, 'WAITING']), order);
    expect(commands).toEqual([{ type: 'RecordSignerSigned', orderId: order.orderId, role: first, signedAt: since }]);
    expect(unrecognised).toEqual([]);
  });

  it('gives the signatures of a completed job the signed document link, and no other', () => {
    const done = { ...change('COMPLETED_SUCCESSFULLY', [first, 'SIGNED'], [second, 'SIGNED']), padesUrl: 'https://x/1/pades' };
    const { commands } = commandsForStatusChange(done, order);
    expect(commands.map((c) => (c as { signedDocument?: string }).signedDocument)).toEqual(['https://x/1/pades', 'https://x/1/pades']);
    const partial = { ...change('IN_PROGRESS', [first, 'SIGNED']), padesUrl: 'https://x/1/pades' };
    expect(commandsForStatusChange(partial, order).commands[0]).not.toHaveProperty('signedDocument');
  });

  it.each([
    ['REJECTED', 'rejected'],
    ['RESERVED', 'reserved'],
    ['BLOCKED', 'blocked'],
    ['CONTACT_INFORMATION_MISSING', 'contact-information-missing'],
    ['SIGNERS_NAME_NOT_AVAILABLE', 'name-not-available'],
  ] as const)('maps a signer %s to the failure cause %s, from the provider', (status, cause) => {
    const { commands } = commandsForStatusChange(change('FAILED', [first, status], [second, 'NOT_APPLICABLE']), order);
    expect(commands).toEqual([
      { type: 'RecordSignerFailed', orderId: order.orderId, role: first, cause, source: 'provider', providerStatus: status, failedAt: since },
    ]);
  });

  it('expires the order when the service says EXPIRED, keeping signatures made before', () => {
    const { commands } = commandsForStatusChange(change('FAILED', [first, 'SIGNED'], [second, 'EXPIRED']), order);
    expect(commands.map((c) => c.type)).toEqual(['RecordSignerSigned', 'ExpireOrder']);
    expect(commands[1]).toEqual({ type: 'ExpireOrder', orderId: order.orderId, reportedByProvider: true });
  });

  it('cancels the order as cancelled at the provider when the service says CANCELLED', () => {
    const { commands } = commandsForStatusChange(change('FAILED', [first, 'CANCELLED'], [second, 'CANCELLED']), order);
    expect(commands).toEqual([{ type: 'CancelOrder', orderId: order.orderId, reason: 'cancelled-at-provider' }]);
  });

  it('gives nothing for WAITING and NOT_APPLICABLE', () => {
    expect(commandsForStatusChange(change('IN_PROGRESS', [first, 'WAITING'], [second, 'NOT_APPLICABLE']), order)).toEqual({ commands: [], unrecognised: [] });
  });

  it('fails the order with cause other when the job failed and no signer says why', () => {
    const { commands } = commandsForStatusChange(change('FAILED', [first, 'WAITING'], [second, 'NOT_APPLICABLE']), order);
    expect(commands).toEqual([{ type: 'RecordOrderFailed', orderId: order.orderId, cause: 'other' }]);
  });

  it('surfaces unknown statuses and unmatched signers without a command and without anything but A-Z_', () => {
    const { commands, unrecognised } = commandsForStatusChange(
      change('PAUSED', [first, 'ON_HOLD'], [undefined, 'SIGNED'], ['fylkeskommune' === first ? 'foresatt' : 'fylkeskommune', 'SIGNED'], [second, 'ola@x.no 12345678910']),
      order,
    );
    expect(commands).toEqual([]);
    expect(unrecognised).toEqual([
      { reason: 'unknown-signer-status', status: 'ON_HOLD', role: first, position: 0 },
      { reason: 'unmatched-signer', status: 'SIGNED', position: 1 },
      { reason: 'signer-not-in-order', status: 'SIGNED', role: expect.any(String), position: 2 },
      { reason: 'unknown-signer-status', status: '?', role: second, position: 3 },
      { reason: 'unknown-job-status', status: 'PAUSED' },
    ]);
  });

  it('records the acceptance first when the order has no job id yet (a crash after creating the job)', () => {
    const notYetAccepted: OrderState = { ...order, status: 'created', providerJobId: undefined };
    const { commands } = commandsForStatusChange(change('IN_PROGRESS', [first, 'SIGNED']), notYetAccepted);
    expect(commands.map((c) => c.type)).toEqual(['RecordOrderAccepted', 'RecordSignerSigned']);
    expect(commands[0]).toEqual({ type: 'RecordOrderAccepted', orderId: order.orderId, providerJobId: '42' });
  });

  it('ignores a change from another job for the same order, and a change for another order', () => {
    expect(commandsForStatusChange({ ...change('COMPLETED_SUCCESSFULLY', [first, 'SIGNED']), providerJobId: '43' }, order)).toEqual({
      commands: [],
      unrecognised: [{ reason: 'other-job' }],
    });
    expect(commandsForStatusChange({ ...change('IN_PROGRESS', [first, 'SIGNED']), orderId: 'X-1/1' as never }, order).commands).toEqual([]);
  });
});
