import { describe, expect, it } from 'vitest';
import { vigoUpdated } from './sample-history.js';
import type { SuiteContext } from './context.js';

export const projectionContract = (ctx: SuiteContext): void => {
  describe('projection snapshots', () => {
    it('loads nothing for a projection never saved, then the last snapshot saved, per name', async () => {
      const store = await ctx.open('j1');
      const { lastCheckpoint } = await store.appendToStream(ctx.stream('j1', 1), [{ event: vigoUpdated(ctx.contractId('j1', 1)) }]);
      expect(await store.loadProjection('status-report')).toBeUndefined();

      const first = { version: 1, checkpoint: lastCheckpoint, state: { offices: { 'Opplæringskontoret i Østfold': { signed: 14, ordered: 22 } }, names: ['Åse', 'Ørjan'] } };
      await store.saveProjection('status-report', first);
      expect(await store.loadProjection('status-report')).toEqual(first);

      const second = { version: 2, checkpoint: undefined, state: [1, 2, 3] };
      await store.saveProjection('status-report', second);
      await store.saveProjection('statistics', first);
      expect(await store.loadProjection('status-report')).toEqual({ version: 2, state: [1, 2, 3] });
      expect(await store.loadProjection('statistics')).toEqual(first);
    });
  });
};
