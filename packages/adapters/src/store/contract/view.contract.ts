import { encodeEvent, PersonalValue, type ContractEvent } from '@fagsign/domain';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../event-store.js';
import { mapPersonalValues } from '../../privacy/personal-fields.js';
import { decideAll, sampleRegistration, signedContractHistory, vigoUpdated } from './sample-history.js';
import { collect, iteratorOf, take, type SuiteContext } from './context.js';

/** An event's stored form with each personal value masked: what the two views must agree on. */
const masked = (event: ContractEvent): unknown => {
  const stored = encodeEvent(event);
  return { ...stored, data: mapPersonalValues(stored.type, stored.data, () => '(personal)') };
};

/** The kinds of each personal value, which projections count and the projection view must keep. */
const kinds = (event: ContractEvent): unknown[] => {
  const out: unknown[] = [];
  const visit = (value: unknown): void => {
    if (value instanceof PersonalValue) out.push([value.label, (value as unknown as { kind?: unknown }).kind]);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit);
  };
  visit(event.data);
  return out;
};

const comparable = (r: RecordedEvent): unknown => ({ ...r, event: masked(r.event), kinds: kinds(r.event) });

export const viewContract = (ctx: SuiteContext): void => {
  describe("the projection view (readAll and subscribe with view: 'projection')", () => {
    it('reads the same events as the full view, in the same order and with the same metadata, except the personal values', async () => {
      const store = await ctx.open('v1');
      const a = ctx.contractId('v1', 1);
      const b = ctx.contractId('v1', 2);
      await store.appendToStream(ctx.stream('v1', 1), signedContractHistory(a, 3).map((event) => ({ event })), { correlationId: 'c-1' });
      await store.appendToStream(ctx.stream('v1', 2), decideAll([sampleRegistration(b, 4)]).map((event) => ({ event })));
      await store.appendToStream(ctx.stream('v1', 1), [{ event: vigoUpdated(a, 9) }]);

      const full = await collect(() => store.readAll({ batchSize: 3 }));
      const projected = await collect(() => store.readAll({ batchSize: 3, view: 'projection' }));
      expect(full.length).toBeGreaterThan(4);
      expect(projected.map(comparable)).toEqual(full.map(comparable));
      // a registration's personal values keep their kinds: what reports count
      expect(kinds(projected.find((r) => r.event.type === 'ContractRegistered')!.event).length).toBeGreaterThan(2);

      const after = full[1]!.checkpoint;
      expect((await collect(() => store.readAll({ after, view: 'projection' }))).map(comparable)).toEqual(full.slice(2).map(comparable));

      const subscription = store.subscribe({ view: 'projection', batchSize: 2 });
      try {
        expect((await take(iteratorOf(subscription), full.length)).map(comparable)).toEqual(full.map(comparable));
      } finally {
        await subscription.close();
      }
    });
  });
};
