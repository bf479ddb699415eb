import { openStore, type StoreOpener } from './store.js';

/** What a command may touch of the world; tests pass their own. */
export interface CommandIo {
  readonly openStore: StoreOpener;
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean; readonly columns?: number };
  /** The current time; `--now` overrides it where a report depends on it. */
  now(): Date;
  writeFile(path: string, content: string): Promise<void>;
}

export const processIo = (): CommandIo => ({
  openStore,
  stdout: process.stdout,
  stderr: process.stderr,
  now: () => new Date(),
  writeFile: async (path, content) => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path, content, 'utf8');
  },
});
