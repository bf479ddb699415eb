import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exitCodes, runService } from './run-service.js';

const dir = mkdtempSync(join(tmpdir(), 'fagsign-run-service-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const simulatedConfig = (graceSeconds = 5) => {
  const path = join(dir, `sim-${graceSeconds}.json`);
  writeFileSync(path, JSON.stringify({ store: 'memory:', provider: { kind: 'simulated' }, http: { port: 0 }, runner: { intervalSeconds: 0.05 }, shutdown: { graceSeconds } }));
  return path;
};

const rig = () => {
  const signals = new EventEmitter();
  const exits: number[] = [];
  const lines: Record<string, unknown>[] = [];
  const logDestination = { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) };
  const started = () => lines.some((l) => l.msg === 'fagsign run started');
  return { signals, exits, lines, logDestination, started, exit: (code: number) => void exits.push(code) };
};

const until = async (test: () => boolean) => {
  while (!test()) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe('runService: the stop', () => {
  it('stops on SIGINT too, saving and closing, and returns 0', async () => {
    const r = rig();
    const done = runService(simulatedConfig(), { signals: r.signals as never, exit: r.exit, logDestination: r.logDestination });
    await until(r.started);
    r.signals.emit('SIGINT');
    expect(await done).toBe(exitCodes.stopped);
    expect(r.exits).toEqual([]);
    expect(r.lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['stopping: finishing the current step, then saving and releasing', 'stopped']));
    expect(r.signals.listenerCount('SIGTERM') + r.signals.listenerCount('SIGINT')).toBe(0);
  });

  it('exits at once on a second SIGTERM, without waiting for the stop', async () => {
    const r = rig();
    const done = runService(simulatedConfig(), { signals: r.signals as never, exit: r.exit, logDestination: r.logDestination });
    await until(r.started);
    r.signals.emit('SIGTERM');
    r.signals.emit('SIGTERM');
    expect(r.exits).toEqual([exitCodes.forced]);
    await done;
  });

  it('keeps a signal that arrives while the service is still starting', async () => {
    const r = rig();
    const done = runService(simulatedConfig(), { signals: r.signals as never, exit: r.exit, logDestination: r.logDestination });
    r.signals.emit('SIGTERM');
    expect(await done).toBe(exitCodes.stopped);
  });

  it('returns 2 and writes every problem to stderr for a refused configuration', async () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ provider: { kind: 'carrier-pigeon' } }));
    let stderr = '';
    const code = await runService(path, { stderr: { write: (t: string) => (stderr += t) }, exit: () => undefined });
    expect(code).toBe(exitCodes.invalidConfig);
    expect(stderr).toContain('  - store: is required');
    expect(stderr).toContain('  - provider.kind: must be "simulated" or "posten"');
  });

  it('returns 1 with one fatal log line when it cannot start, and releases the signal handlers', async () => {
    const r = rig();
    const path = join(dir, 'taken-port.json');
    const blocker = (await import('node:http')).createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    writeFileSync(path, JSON.stringify({ store: 'memory:', provider: { kind: 'simulated' }, http: { port } }));
    try {
      const code = await runService(path, { signals: r.signals as never, exit: r.exit, logDestination: r.logDestination });
      expect(code).toBe(exitCodes.failed);
      expect(r.lines.filter((l) => l.level === 'fatal')).toMatchObject([{ msg: 'fagsign run could not start', err: { code: 'EADDRINUSE' } }]);
      expect(r.signals.listenerCount('SIGTERM')).toBe(0);
    } finally {
      blocker.close();
    }
  });
});
