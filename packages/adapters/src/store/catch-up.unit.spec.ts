import { describe, expect, it } from 'vitest';
import { decodedPageLimit, readLogPages, type LogSource } from './catch-up.js';
import type { RecordedEvent } from './event-store.js';

/*
 * readLogPages reads rows `batchSize` at a time and hands them on decoded in pages of at most the
 * source's decodedPageLimit (so that decoded events die young), or whole when it sets none: the
 * store is asked once per batch, never per page, the events come in order and whole, and an
 * unreadable row still ends the read where it stands.
 */

/** A log of `count` rows (their positions, 1…count); `unreadable` rows fail to decode. */
const sourceOf = (count: number, unreadable: ReadonlySet<number> = new Set(), limit: number | null = decodedPageLimit) => {
  const reads: number[] = [];
  const source: LogSource<number, number> = {
    readPage: async (after, limit) => {
      const from = after === undefined ? 1 : Number(after) + 1;
      reads.push(limit);
      return Array.from({ length: Math.max(0, Math.min(limit, count - from + 1)) }, (_, i) => from + i);
    },
    checkpointOf: (row) => String(row),
    ...(limit === null ? {} : { decodedPageLimit: limit }),
    decode: (row) => {
      if (unreadable.has(row)) throw new Error(`row ${row} is unreadable`);
      return { streamName: 's', streamVersion: row, checkpoint: String(row), event: row } as unknown as RecordedEvent<number>;
    },
  };
  return { source, reads };
};

const pagesOf = async (source: LogSource<number, number>, after: string | undefined, batchSize: number) => {
  const pages: number[][] = [];
  try {
    for await (const page of readLogPages(source, after, batchSize)) pages.push(page.map((e) => e.event));
  } catch (error) {
    return { pages, error };
  }
  return { pages, error: undefined };
};

describe('readLogPages', () => {
  it('reads batchSize rows at a time and hands them on in pages of at most decodedPageLimit, in order, never empty', async () => {
    expect(decodedPageLimit).toBe(250);
    for (const [count, batchSize] of [[2_600, 1000], [1000, 1000], [999, 1000], [1_001, 1000], [730, 200], [251, 251], [0, 1000]] as const) {
      const { source, reads } = sourceOf(count);
      const { pages, error } = await pagesOf(source, undefined, batchSize);
      expect(error).toBeUndefined();
      expect(pages.flat()).toEqual(Array.from({ length: count }, (_, i) => i + 1));
      for (const page of pages) {
        expect(page.length).toBeGreaterThan(0);
        expect(page.length).toBeLessThanOrEqual(Math.min(batchSize, decodedPageLimit));
      }
      // one read per batch (and one more that finds the end when the last batch was full)
      expect(reads.length).toBe(Math.floor(count / batchSize) + 1);
      expect(new Set(reads)).toEqual(new Set([batchSize]));
    }
  });

  it('a source that sets no limit (the memory store) gets each read as one page', async () => {
    const { source, reads } = sourceOf(2_600, new Set(), null);
    const { pages } = await pagesOf(source, undefined, 1000);
    expect(pages.map((p) => p.length)).toEqual([1000, 1000, 600]);
    expect(pages.flat()).toEqual(Array.from({ length: 2_600 }, (_, i) => i + 1));
    expect(reads).toEqual([1000, 1000, 1000]);
  });

  it('after a checkpoint, starts right after it', async () => {
    const { source } = sourceOf(1_200);
    const { pages } = await pagesOf(source, '700', 1000);
    expect(pages.flat()).toEqual(Array.from({ length: 500 }, (_, i) => 701 + i));
    expect(pages.map((p) => p.length)).toEqual([250, 250]);
  });

  it('an unreadable row in the middle of a batch: every event before it comes first, then the error, and nothing after it', async () => {
    for (const bad of [1, 250, 251, 600, 1000, 1001]) {
      const { source } = sourceOf(2_000, new Set([bad]));
      const { pages, error } = await pagesOf(source, undefined, 1000);
      expect(pages.flat()).toEqual(Array.from({ length: bad - 1 }, (_, i) => i + 1));
      for (const page of pages) expect(page.length).toBeGreaterThan(0);
      expect(error).toEqual(new Error(`row ${bad} is unreadable`));
    }
  });
});
