import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * Starts `fagsign` as a user would, as its own process (from the sources, with tsx and this folder's
 * tsconfig.json), and reads its JSON log lines as they come.
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const tsx = join(here, '..', 'node_modules', '.bin', 'tsx');
const entry = join(here, 'fagsign-from-source.ts');

export interface FagsignProcess {
  readonly child: ChildProcess;
  readonly logs: Record<string, unknown>[];
  stderr(): string;
  /** Resolves with the first log line that `test` accepts; rejects after `timeoutMs`. */
  waitForLog(test: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves with the exit code (or the signal) and how long after the call it came. */
  exited(): Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null; readonly afterMs: number }>;
}

export const startFagsign = (args: readonly string[], env: Record<string, string> = {}): FagsignProcess => {
  const child = spawn(tsx, ['--tsconfig', join(here, 'tsconfig.json'), entry, ...args], { env: { ...process.env, FAGSIGN_DEBUG: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  let partial = '';
  const waiters: (() => void)[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    for (const line of lines) if (line.trim() !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, at: performance.now() })));
  return {
    child,
    logs,
    stderr: () => stderr,
    waitForLog: (test, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no such log line within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
        const look = () => {
          const found = logs.find(test);
          if (found !== undefined) {
            clearTimeout(timer);
            resolve(found);
          } else if (child.exitCode !== null) {
            clearTimeout(timer);
            reject(new Error(`fagsign exited (${child.exitCode}) first; stderr: ${stderr}`));
          } else waiters.push(look);
        };
        look();
      }),
    exited: async () => {
      const from = performance.now();
      const { code, signal, at } = await exit;
      return { code, signal, afterMs: Math.max(0, at - from) };
    },
  };
};
