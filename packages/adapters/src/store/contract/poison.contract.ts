import type { ContractEvent, OrderId } from '@fagsign/domain';
import { describe, expect, it } from 'vitest';
import { InvalidAppend } from '../errors.js';
import { decideAll, sampleNow, sampleRegistration, vigoUpdated } from './sample-history.js';
import { collect, type SuiteContext } from './context.js';

/*
 * A poison event is one that would be stored but not read back. Every later read of its stream,
 * and every reader of the global log, would stop at it; so every store refuses it at the door.
 */

const signedWithoutOffset = (contractId: ContractEvent['data']['contractId']): ContractEvent => ({
  type: 'SignerSigned',
  data: { contractId, at: '2027-01-11T10:00' as never, orderId: `${contractId}/1` as OrderId, role: 'laerling' },
});

export const poisonContract = (ctx: SuiteContext): void => {
  describe('events that would not read back', () => {
    it('refuses an instant without an offset, naming the field and the rule, and writes nothing', async () => {
      const store = await ctx.open('x1');
      const stream = ctx.stream('x1', 1);
      const error = await store.appendToStream(stream, [{ event: signedWithoutOffset(ctx.contractId('x1', 1)) }]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidAppend);
      expect((error as InvalidAppend).rule).toMatch(/^event 1 \(SignerSigned\) would not read back: .*\bat\b/);
      expect((error as InvalidAppend).message).not.toContain('2027-01-11T10:00');
      expect((await store.readStream(stream)).currentVersion).toBe(0);
    });

    it('refuses a whole batch when one event in it is poison, so nothing is half written', async () => {
      const store = await ctx.open('x2');
      const contractId = ctx.contractId('x2', 1);
      const stream = ctx.stream('x2', 1);
      await store.appendToStream(stream, [{ event: vigoUpdated(contractId, 0) }]);
      const batch = [vigoUpdated(contractId, 1), signedWithoutOffset(contractId), vigoUpdated(contractId, 2)];
      const error = await store.appendToStream(stream, batch.map((event) => ({ event })), { expectedVersion: 1 }).catch((e: unknown) => e);
      expect((error as InvalidAppend).rule).toMatch(/^event 2 \(SignerSigned\)/);
      expect((await store.readStream(stream)).currentVersion).toBe(1);
      expect(await collect(() => store.readAll())).toHaveLength(1);
    });

    it('refuses a number that JSON cannot carry, an unknown event type, and a personal value given as bare text', async () => {
      const store = await ctx.open('x3');
      const contractId = ctx.contractId('x3', 1);
      const [registered] = decideAll([sampleRegistration(contractId)]) as [Extract<ContractEvent, { type: 'ContractRegistered' }>];
      const [order] = decideAll([sampleRegistration(contractId), { type: 'CreateOrder' }]).slice(1) as [Extract<ContractEvent, { type: 'OrderCreated' }>];
      const poisons: unknown[] = [
        // NaN passes a number check in memory but is stored as null
        { ...order, data: { ...order.data, validityDays: Number.NaN } },
        { type: 'SignatureSeenSomewhere', data: { contractId, at: sampleNow.toUTC().toISO() } },
        { ...registered, data: { ...registered.data, parties: registered.data.parties.map((p) => ({ ...p, mobile: '91234567' })) } },
      ];
      for (const poison of poisons) {
        await expect(store.appendToStream(ctx.stream('x3', 1), [{ event: poison as ContractEvent }])).rejects.toBeInstanceOf(InvalidAppend);
      }
      expect(await collect(() => store.readAll())).toHaveLength(0);
      // the same events, whole, are stored
      await store.appendToStream(ctx.stream('x3', 1), [registered, order].map((event) => ({ event })));
      expect((await store.readStream(ctx.stream('x3', 1))).currentVersion).toBe(2);
    });
  });
};
