import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { registerContractArb } from '@fagsign/domain/testing';
import { type ContractId, type Instant, type RegisterContract } from '@fagsign/domain';
import { signingJobFor } from './signing-job.js';
import { personalDataIn } from './personal-data-guard.js';
import { placeholderPdf } from './placeholder-pdf.js';
import { InvalidSigningJob } from './errors/invalid-signing-job.js';
import { contractWithOrder } from './testing/orders.js';

const createdAt = '2026-08-03T09:00:00.000Z';
const pdf = placeholderPdf('Lærekontrakt');

describe('signingJobFor', () => {
  it('takes signers with role, channel, group and contact data from the order and the contract', () => {
    fc.assert(
      fc.property(registerContractArb(), (register) => {
        const { contract, order } = contractWithOrder(register, createdAt);
        const job = signingJobFor(contract, order, { now: order.createdAt, document: { bytes: pdf } });
        expect(job.orderId).toBe(order.orderId);
        expect(job.signers.map((s) => [s.role, s.channel, s.group])).toEqual(order.signers.map((s) => [s.role, s.channel, s.group]));
        for (const signer of job.signers) {
          const party = contract.parties[signer.role]!;
          expect(signer.mobile).toBe(party.mobile);
          expect(signer.email).toBe(party.email);
          expect(signer.personalId).toBe(party.personalId);
          expect(signer.onBehalfOf).toBe(signer.role === 'laerling' || signer.role === 'kandidat' ? 'self' : 'other');
        }
      }),
    );
  });

  it('never puts a name, fødselsnummer, phone number or e-mail address in the non-sensitive title', () => {
    fc.assert(
      fc.property(registerContractArb({ flaws: 0.3 }), (register) => {
        const { contract, order } = contractWithOrder(register, createdAt);
        const job = signingJobFor(contract, order, { now: order.createdAt, document: { bytes: pdf } });
        const people = Object.values(contract.parties);
        expect(job.nonSensitiveTitle.length).toBeLessThanOrEqual(80);
        for (const party of people) {
          expect(job.nonSensitiveTitle).not.toContain(party!.name);
          if (party!.personalId) expect(job.nonSensitiveTitle).not.toContain(party!.personalId.reveal());
          if (party!.email) expect(job.nonSensitiveTitle).not.toContain(party!.email.reveal());
        }
        expect(job.nonSensitiveTitle).not.toMatch(/@|\d{8}/);
      }),
    );
  });

  it('names the contract by type and id, and falls back to the type alone when the id looks like a phone number', () => {
    const register = fc.sample(registerContractArb(), { seed: 7, numRuns: 1 })[0]!;
    const ordinary = contractWithOrder({ ...register, contractType: 'laerekontrakt', contractId: 'LK-2026-000123' as ContractId }, createdAt);
    const job = signingJobFor(ordinary.contract, ordinary.order, { now: createdAt as Instant, document: { bytes: pdf } });
    expect(job.nonSensitiveTitle).toBe('Lærekontrakt LK-2026-000123');
    const phoneLike = contractWithOrder({ ...register, contractType: 'laerekontrakt', contractId: 'K-41234567' as ContractId } as RegisterContract, createdAt);
    expect(signingJobFor(phoneLike.contract, phoneLike.order, { now: createdAt as Instant, document: { bytes: pdf } }).nonSensitiveTitle).toBe('Lærekontrakt');
  });

  it('gives the job the time left until the order deadline, so a retry the next day does not extend it', () => {
    const register = fc.sample(registerContractArb(), { seed: 3, numRuns: 1 })[0]!;
    const { contract, order } = contractWithOrder(register, createdAt);
    const atOnce = signingJobFor(contract, order, { now: order.createdAt, document: { bytes: pdf } });
    const nextDay = signingJobFor(contract, order, { now: '2026-08-04T09:00:00.000Z' as Instant, document: { bytes: pdf } });
    expect(atOnce.availableSeconds).toBe(14 * 24 * 3600);
    expect(nextDay.availableSeconds).toBe(13 * 24 * 3600);
    expect(() => signingJobFor(contract, order, { now: order.deadline, document: { bytes: pdf } })).toThrow(InvalidSigningJob);
  });

  it('refuses a caller-supplied title that is too long, naming the problem but no data', () => {
    const register = fc.sample(registerContractArb(), { seed: 5, numRuns: 1 })[0]!;
    const { contract, order } = contractWithOrder(register, createdAt);
    try {
      signingJobFor(contract, order, { now: order.createdAt, document: { bytes: pdf }, title: 'x'.repeat(81) });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidSigningJob);
      expect((e as InvalidSigningJob).problems).toEqual(['title-length']);
      expect((e as InvalidSigningJob).transient).toBe(false);
    }
  });
});

describe('personalDataIn', () => {
  const none = { names: [], personalIds: [], mobiles: [], emails: [] };
  it('finds fødselsnumre, mobile numbers, addresses and name parts, and passes a plain title', () => {
    expect(personalDataIn('Lærekontrakt LK-2026-000123', none)).toEqual([]);
    expect(personalDataIn('Kontrakt 010133 00001', none)).toContain('personal-id');
    expect(personalDataIn('Ring 912 34 567', none)).toContain('mobile');
    expect(personalDataIn('ola@bilfag.no', none)).toContain('email');
    expect(personalDataIn('Kontrakt for Nordmann', { ...none, names: ['Ola Nordmann'] })).toEqual(['name']);
    expect(personalDataIn('Kontrakt for Bilfag', { ...none, names: ['Ola Nordmann'] })).toEqual([]);
  });
});

describe('placeholderPdf', () => {
  it('writes a PDF whose cross-reference offsets point at its objects', () => {
    const text = new TextDecoder('latin1').decode(placeholderPdf('Lærekontrakt (prøve)'));
    expect(text.startsWith('%PDF-1.4')).toBe(true);
    const xrefAt = Number(/startxref\n(\d+)/.exec(text)![1]);
    expect(text.slice(xrefAt, xrefAt + 4)).toBe('xref');
    const offsets = [...text.matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((offset, i) => expect(text.slice(offset).startsWith(`${i + 1} 0 obj`)).toBe(true));
    expect(text).toContain('L\\346rekontrakt \\(pr\\370ve\\)');
  });
});
