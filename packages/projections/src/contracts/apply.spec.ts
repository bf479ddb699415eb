import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { historyArb, replayAll } from '../testing/histories.js';
import { emptyContractsState } from './projection.js';
import { applyContractEvent } from './apply.js';
import { foldEvents } from '../projection.js';
import { contractsProjection } from './projection.js';

describe('the contracts read model', () => {
  it('agrees with the domain evolve on every contract, order, signer and follow-up step, for random histories', () => {
    fc.assert(
      fc.property(historyArb(), (history) => {
        const state = emptyContractsState();
        for (const e of history.events) applyContractEvent(state, e);
        const domain = replayAll(history.events);
        expect(state.contracts.size).toBe(domain.size);
        for (const [id, expected] of domain) {
          const summary = state.contracts.get(id)!;
          expect(summary.status).toBe(expected.status);
          expect(summary.closedAt).toBe(expected.closedAt ?? null);
          expect(summary.startDate).toBe(expected.contract!.startDate ?? null);
          expect(summary.orders.map((o) => [o.orderId, o.status, o.diagnosis, o.failureCause, o.cancelReason, o.endedAt, o.retryAt])).toEqual(
            expected.orders.map((o) => [o.orderId, o.status, o.diagnosis ?? null, o.failureCause ?? null, o.cancelReason ?? null, o.endedAt ?? null, o.retryAt ?? null]),
          );
          expect(summary.orders.map((o) => o.signers)).toEqual(expected.orders.map((o) => Object.fromEntries(o.signers.map((s) => [s.role, s.status]))));
          expect(Object.keys(summary.contacts).sort()).toEqual(Object.keys(expected.contract!.parties).sort());
          for (const [role, party] of Object.entries(expected.contract!.parties)) {
            const flags = summary.contacts[role as keyof typeof summary.contacts]!;
            expect(flags.mobile).toBe(party!.mobile?.kind ?? 'missing');
            expect(flags.email).toBe(party!.email?.kind ?? 'missing');
            expect(flags.personalId).toBe(party!.personalId !== undefined);
          }
          const followUp = expected.followUp;
          expect(summary.followUp === null ? null : { archive: summary.followUp.archive.done, vigo: summary.followUp.vigo.done }).toEqual(
            followUp === undefined ? null : { archive: followUp.archive.done, vigo: followUp.vigo.done },
          );
        }
      }),
      { numRuns: 150 },
    );
  });

  it('keeps no personal data: the saved state has no mobile number, e-mail address, fødselsnummer or person name from the log', () => {
    fc.assert(
      fc.property(historyArb({ maxContracts: 4, maxSteps: 40 }), (history) => {
        const saved = JSON.stringify(contractsProjection.serialize(foldEvents(contractsProjection, history.events)));
        for (const e of history.events) {
          const parties = e.type === 'ContractRegistered' ? e.data.parties : e.type === 'ContactDataCorrected' ? [{ ...e.data.changes }] : [];
          for (const party of parties) {
            // values too short to identify anyone ("-", "12 34") could match any text, so they are not looked for
            for (const value of [party.mobile, party.email, party.personalId]) if (value !== undefined && value.reveal().length >= 6) expect(saved).not.toContain(value.reveal());
            if (party.name !== undefined) expect(saved).not.toContain(party.name);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
