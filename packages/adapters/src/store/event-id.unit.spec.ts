import { describe, expect, it } from 'vitest';
import { newEventId } from './event-id.js';

describe('fresh event ids', () => {
  it('are version-7 UUIDs with the RFC 9562 variant, in lower case', () => {
    for (let i = 0; i < 1000; i++) expect(newEventId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sort by the time they were made, and never repeat', () => {
    const ids = [1_700_000_000_000, 1_700_000_000_001, 1_800_000_000_000].map((ms) => newEventId(ms));
    expect([...ids].sort()).toEqual(ids);
    const many = new Set(Array.from({ length: 100_000 }, () => newEventId(1_700_000_000_000)));
    expect(many.size).toBe(100_000);
  });
});
