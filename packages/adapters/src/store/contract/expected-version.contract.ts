import { describe, expect, it } from 'vitest';
import type { ExpectedVersion } from '../event-store.js';
import { VersionConflict } from '../errors.js';
import { vigoUpdated } from './sample-history.js';
import type { SuiteContext } from './context.js';

/** Every expected version against a missing stream and a stream at version 2: accepted, or the conflict it must raise. */
const cases: { expected: ExpectedVersion; missing: 'ok' | 'conflict'; atTwo: 'ok' | 'conflict' }[] = [
  { expected: 'any', missing: 'ok', atTwo: 'ok' },
  { expected: 'no-stream', missing: 'ok', atTwo: 'conflict' },
  { expected: 'stream-exists', missing: 'conflict', atTwo: 'ok' },
  { expected: 0, missing: 'ok', atTwo: 'conflict' },
  { expected: 1, missing: 'conflict', atTwo: 'conflict' },
  { expected: 2, missing: 'conflict', atTwo: 'ok' },
  { expected: 3, missing: 'conflict', atTwo: 'conflict' },
];

export const expectedVersionContract = (ctx: SuiteContext): void => {
  describe('expected versions', () => {
    for (const [n, c] of cases.entries()) {
      it(`expected ${JSON.stringify(c.expected)}: ${c.missing} on a missing stream, ${c.atTwo} on a stream at version 2`, async () => {
        const store = await ctx.open(`v${n}`);
        const missing = ctx.stream(`v${n}`, 1);
        const atTwo = ctx.stream(`v${n}`, 2);
        const event = vigoUpdated(ctx.contractId(`v${n}`, 1));
        await store.appendToStream(atTwo, [{ event }, { event }]);

        for (const [stream, before, outcome] of [[missing, 0, c.missing], [atTwo, 2, c.atTwo]] as const) {
          const attempt = store.appendToStream(stream, [{ event }], { expectedVersion: c.expected });
          if (outcome === 'ok') {
            expect((await attempt).nextExpectedVersion).toBe(before + 1);
          } else {
            const error = await attempt.then(() => undefined, (e: unknown) => e);
            expect(error).toBeInstanceOf(VersionConflict);
            expect(error).toMatchObject({ code: 'version-conflict', streamName: stream, expected: c.expected, actual: before });
            expect((error as Error).message).toBe(
              `Version conflict on ${stream}: expected ${typeof c.expected === 'number' ? `version ${c.expected}` : c.expected}, the stream is at version ${before}`,
            );
            expect((await store.readStream(stream)).currentVersion).toBe(before);
          }
        }
      });
    }

    it('passes the next expected version along: each append continues where the last ended', async () => {
      const store = await ctx.open('vchain');
      const stream = ctx.stream('vchain', 1);
      const event = vigoUpdated(ctx.contractId('vchain', 1));
      let version: ExpectedVersion = 'no-stream';
      for (let i = 0; i < 5; i++) version = (await store.appendToStream(stream, [{ event }, { event }], { expectedVersion: version })).nextExpectedVersion;
      expect(version).toBe(10);
      await expect(store.appendToStream(stream, [{ event }], { expectedVersion: 8 })).rejects.toMatchObject({ actual: 10, expected: 8 });
    });
  });
};
