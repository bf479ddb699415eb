import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractStreamName, type ContractId } from '@fagsign/domain';
import { openEventStore } from '@fagsign/adapters';
import { main } from '../main.js';
import { processIo, type CommandIo } from '../io.js';

const quietIo = (out: string[]): CommandIo => ({ ...processIo(), stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => out.push(t) } });

describe('fagsign copy', () => {
  it('moves the whole log to another store, stream by stream with the same versions and ids; a second run copies nothing twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fagsign-copy-'));
    const from = `sqlite:${join(dir, 'from.db')}`;
    const to = `sqlite:${join(dir, 'to.db')}`;
    const out: string[] = [];
    expect(await main(['demo', '--store', from, '--html', join(dir, 'r.html')], quietIo(out))).toBe(0);

    out.length = 0;
    expect(await main(['copy', '--from', from, '--to', to], quietIo(out))).toBe(0);
    const copied = Number(/(\d+) events copied/.exec(out.join(''))![1]);
    expect(copied).toBeGreaterThan(400);
    out.length = 0;
    expect(await main(['copy', '--from', from, '--to', to], quietIo(out))).toBe(0); // again: idempotent, and says so
    expect(out.join('')).toBe(`0 events copied (${copied} were there already).\n`);

    const source = await openEventStore(from);
    const target = await openEventStore(to);
    const ids = async (url: typeof source) => {
      const all: string[] = [];
      for await (const e of url.readAll()) all.push(`${e.streamName}#${e.streamVersion}:${e.metadata.eventId}:${e.event.type}`);
      return all;
    };
    expect(await ids(target)).toEqual(await ids(source));
    const stream = contractStreamName('TM-GR-001' as ContractId);
    expect((await target.readStream(stream)).currentVersion).toBe((await source.readStream(stream)).currentVersion);
    await source.close();
    await target.close();

    out.length = 0;
    expect(await main(['report', '--store', to, '--format', 'json'], quietIo(out))).toBe(0);
    expect(JSON.parse(out.join('')).counties.find((c: { county: string }) => c.county === 'Telemark').totals.contracts.signedElectronically).toBe(13);
  });
});
