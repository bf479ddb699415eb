import { getInMemoryEventStore } from '@fagsign/adapters';
import { contractStreamName } from '@fagsign/domain';
import { describe, expect, it } from 'vitest';
import type { CommandIo } from '../io.js';
import { main } from '../main.js';
import type { CliStore } from '../store.js';
import { sampleLog, sampleNow } from '../testing/sample-log.js';

/** The sample log, with LK-2's stream unreadable as a store reports it (quarantined). */
const storeWithUnreadable = async (bad: string): Promise<CliStore> => {
  const store = getInMemoryEventStore();
  for (const event of sampleLog()) await store.appendToStream(contractStreamName(event.data.contractId), [{ event }]);
  const unreadable = (checkpoint: string) => Object.assign(new Error('unreadable'), { code: 'stored-event-unreadable', streamName: contractStreamName(bad as never), checkpoint });
  return Object.assign(Object.create(store) as CliStore, {
    close: async () => undefined,
    async *readAll(options?: Parameters<typeof store.readAll>[0]) {
      for await (const logged of store.readAll(options)) {
        if (logged.event.data.contractId === bad) throw unreadable(logged.checkpoint);
        yield logged;
      }
    },
    async *readAllPages(options?: Parameters<typeof store.readAllPages>[0]) {
      for await (const page of store.readAllPages(options)) {
        const at = page.findIndex((logged) => logged.event.data.contractId === bad);
        if (at < 0) {
          yield page;
          continue;
        }
        if (at > 0) yield page.slice(0, at);
        throw unreadable(page[at]!.checkpoint);
      }
    },
    readStream: async (name: string, options?: never) => (name === contractStreamName(bad as never) ? Promise.reject(unreadable('0')) : store.readStream(name, options)),
  });
};

const run = async (argv: string[], store: CliStore) => {
  let stdout = '';
  let stderr = '';
  const files = new Map<string, string>();
  const io: CommandIo = {
    openStore: async () => store,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    now: () => new Date(sampleNow),
    writeFile: async (path, content) => void files.set(path, content),
  };
  return { code: await main(argv, io), stdout, stderr, files };
};

describe('contracts left out (quarantined) are said, never silently omitted', () => {
  it('the table report names how many and which, and counts only the others', async () => {
    const { code, stdout } = await run(['report', '--store', 'memory:', '--lang', 'en'], await storeWithUnreadable('LK-2'));
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('1 contract is left out because its stream cannot be read (quarantined): LK-2');
  });

  it('the HTML report says it at the top; JSON keeps its shape and says it on stderr', async () => {
    const store = await storeWithUnreadable('LK-2');
    const html = await run(['report', '--store', 'memory:', '--format', 'html', '--out', 'r.html'], store);
    expect(html.files.get('r.html')).toContain('<p class="left-out"><strong>1 kontrakt er utelatt fordi strømmen ikke kan leses (karantene): LK-2</strong></p>');
    const json = await run(['report', '--store', 'memory:', '--format', 'json'], store);
    expect(JSON.parse(json.stdout).totals.contracts.registered).toBe(2);
    expect(json.stderr).toContain('(karantene): LK-2');
  });

  it('status of a quarantined contract says so, by its id', async () => {
    const { code, stderr } = await run(['status', 'LK-2', '--store', 'memory:'], await storeWithUnreadable('LK-2'));
    expect(code).toBe(1);
    expect(stderr).toContain('Contract LK-2 is left out (quarantined)');
  });
});
