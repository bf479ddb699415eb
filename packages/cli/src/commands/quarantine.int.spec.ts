import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractStreamName, type Instant } from '@fagsign/domain';
import { createSimulatedProvider, createWorkflowRunner, openEventStore, simulatedArchive, simulatedNotifier, simulatedVigo } from '@fagsign/adapters';
import { main } from '../main.js';
import { processIo, type CommandIo } from '../io.js';
import { sampleLog, sampleNow } from '../testing/sample-log.js';
import { rawSqlite } from '../testing/raw-sqlite.js';

const quietIo = (out: string[]): CommandIo => ({ ...processIo(), stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => out.push(t) } });

const fagsign = async (...argv: string[]) => {
  const out: string[] = [];
  const code = await main(argv, quietIo(out));
  return { code, out: out.join('') };
};

describe('fagsign quarantine', () => {
  it('lists what the runner set aside and releases a contract once its stream is repaired, never writing the event log', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'fagsign-quarantine-')), 'store.db');
    const url = `sqlite:${file}`;
    const store = await openEventStore(url);
    for (const event of sampleLog()) await store.appendToStream(contractStreamName(event.data.contractId), [{ event }]);
    // A damaged row: LK-2's second event no longer reads (the store itself refuses to write one).
    const db = rawSqlite(file);
    const damaged = db.prepare("SELECT global_position AS position, data FROM fagsign_events WHERE stream_name = 'contract-LK-2' AND stream_version = 2").get() as { position: number; data: string };
    db.prepare('UPDATE fagsign_events SET data = ? WHERE global_position = ?').run('{"broken', damaged.position);
    const now = () => sampleNow as Instant;
    const runner = createWorkflowRunner({ store, provider: createSimulatedProvider({ seed: 1, now }), notifier: simulatedNotifier({ now }), archive: simulatedArchive(), vigo: simulatedVigo() });
    await runner.catchUp();
    expect(runner.status().quarantined.map((q) => q.contractId)).toEqual(['LK-2']);
    const log = () => db.prepare('SELECT count(*) AS n, sum(length(data)) AS bytes FROM fagsign_events').get();
    const logBefore = log();

    const listed = await fagsign('quarantine', '--store', url);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/^LK-2 +stored-event-unreadable +\d{4}-/m);

    // The runner still holds its lease: refused, nothing changed.
    const whileRunning = await fagsign('quarantine', '--store', url, '--release', 'LK-2');
    expect(whileRunning).toMatchObject({ code: 1 });
    expect(whileRunning.out).toContain('is running');
    await runner.release();

    const stillBroken = await fagsign('quarantine', '--store', url, '--release', 'LK-2');
    expect(stillBroken.code).toBe(1);
    expect(stillBroken.out).toContain('still cannot be read; repair it first. Nothing was changed.');
    expect((await fagsign('quarantine', '--store', url, '--release', 'LK-1')).out).toContain('has not set it aside');

    db.prepare('UPDATE fagsign_events SET data = ? WHERE global_position = ?').run(damaged.data, damaged.position); // a person's repair
    const logRepaired = log();
    const released = await fagsign('quarantine', '--store', url, '--release', 'LK-2');
    expect(released).toEqual({ code: 0, out: 'Contract LK-2 released from the quarantine; the runner reads its stream again when it next starts. The event log was not changed.\n' });
    expect(log()).toEqual(logRepaired);
    expect(logRepaired).toMatchObject({ n: (logBefore as { n: number }).n });
    expect((await fagsign('quarantine', '--store', url)).out).toBe('No contract is quarantined.\n');

    // The next runner takes LK-2 on again from its saved state.
    const next = createWorkflowRunner({ store, provider: createSimulatedProvider({ seed: 1, now }), notifier: simulatedNotifier({ now }), archive: simulatedArchive(), vigo: simulatedVigo() });
    await next.catchUp();
    expect(next.status().quarantined).toEqual([]);
    await next.release();
    db.close();
    await store.close();
  });
});
