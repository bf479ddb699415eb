import { describe, expect, it } from 'vitest';
import { decide, instantOf, type Instant } from '@fagsign/domain';
import { contractsProjection } from '../contracts/projection.js';
import { foldEvents } from '../projection.js';
import { scenario } from '../testing/scenario.js';
import { attention } from './attention.js';
import { nextStep } from './next-step.js';

/*
 * Signed two minutes before the deadline, reported after the service's EXPIRED: the signature is
 * a fact a person must see, on the attention list, with what to do in plain words.
 */
const lateSignatureStory = () => {
  const s = scenario('2026-08-03T09:00');
  s.register('LS-1', { county: 'Telemark', office: 'bilfag' });
  s.run('LS-1', { type: 'CreateOrder' });
  s.run('LS-1', { type: 'RecordOrderAccepted', orderId: s.order('LS-1'), providerJobId: 'job-ls-1' });
  const orderId = s.order('LS-1');
  const deadline = s.state('LS-1').orders[0]!.deadline;
  s.wait({ days: 14 });
  s.run('LS-1', { type: 'ExpireOrder', orderId, reportedByProvider: true });
  s.wait({ minutes: 20 });
  const signedAt = instantOf(s.now.minus({ minutes: 22 })) as Instant; // two minutes before the deadline
  const late = { type: 'RecordSignerSigned' as const, orderId, role: 'laerling' as const, signedAt };
  const recorded = s.run('LS-1', late);
  return { s, orderId, deadline, signedAt, late, recorded };
};

describe('a late signature in the reports', () => {
  it('is recorded once and listed for a person, with the next step at signering.posten.no in bokmål and English', () => {
    const { s, signedAt, late, recorded } = lateSignatureStory();
    expect(recorded.map((e) => e.type)).toEqual(['LateSignatureReported']);
    // the same report again records nothing twice
    const again = decide(late, s.state('LS-1'), { now: s.now.plus({ minutes: 5 }) });
    expect(again._tag === 'Right' && again.right).toEqual([]);

    const state = foldEvents(contractsProjection, s.events);
    const contract = state.contracts.get('LS-1')!;
    expect(contract.status).toBe('order-ended');
    expect(contract.orders[0]!.status).toBe('expired');
    expect(contract.orders[0]!.lateSignatures).toEqual({ laerling: signedAt });

    const report = attention(state, {}, instantOf(s.now));
    expect(report.counts['late-signature']).toBe(1);
    expect(report.counts['order-failed']).toBe(0);
    const [item] = report.items;
    expect(item).toMatchObject({ kind: 'late-signature', contractId: 'LS-1', at: signedAt, cause: 'expired', pendingRoles: ['faglig-leder', 'daglig-leder'] });
    expect(item!.nextStep.nb).toMatch(/^Lærlingen signerte 2026-08-17 08:58, men oppdraget var utløpt 2026-08-17 09:00.*signering\.posten\.no.*nytt oppdrag.*papir/);
    expect(item!.nextStep.en).toMatch(/^The apprentice signed at 2026-08-17 08:58, but the order had expired 2026-08-17 09:00.*signering\.posten\.no.*new order.*paper/);
  });

  it('stays on the list until a person acts: a new order takes it off, and the fact stays on the old order', () => {
    const { s } = lateSignatureStory();
    s.run('LS-1', { type: 'CreateOrder' });
    const state = foldEvents(contractsProjection, s.events);
    const contract = state.contracts.get('LS-1')!;
    expect(attention(state, {}, instantOf(s.now)).counts['late-signature']).toBe(0);
    expect(contract.orders[0]!.lateSignatures).toBeDefined();
    expect(nextStep(contract, instantOf(s.now)).en).not.toMatch(/signed at/);
  });
});
