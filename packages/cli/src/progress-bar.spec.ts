import { describe, expect, it } from 'vitest';
import { progressBar, progressLine } from './progress-bar.js';

const progress = { projection: 'contracts', events: 250_000, elapsedMs: 500, eventsPerSecond: 500_000, expectedEvents: 1_000_000, etaMs: 1500, done: false };

describe('the progress bar', () => {
  it('shows the share done, the rate and the time left when the total is known', () => {
    expect(progressLine(progress, 20)).toBe('contracts [#####...............] 25 % 250 000 events, 500 000 events/s, 2 s left');
    expect(progressLine({ ...progress, events: 1_000_000, done: true, etaMs: 0 }, 4)).toBe('contracts [####] 100 % 1 000 000 events, 500 000 events/s, done');
  });

  it('shows the count and the rate without a total', () => {
    expect(progressLine({ ...progress, expectedEvents: undefined, etaMs: undefined })).toBe('contracts: 250 000 events, 500 000 events/s');
  });

  it('draws nothing when the stream is not a terminal', () => {
    let written = '';
    const bar = progressBar({ write: (s: string) => (written += s), isTTY: false });
    expect(bar.update).toBeUndefined();
    bar.end();
    expect(written).toBe('');
  });
});
