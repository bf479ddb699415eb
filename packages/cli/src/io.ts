import { openStore, type StoreOpener } from './store.js';
import { writeOutputFile, type OutputOptions } from './output-file.js';

/** What a command may touch of the world; tests pass their own. */
export interface CommandIo {
  readonly openStore: StoreOpener;
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean; readonly columns?: number };
  /** The current time; `--now` overrides it where a report depends on it. */
  now(): Date;
  /** Writes a report file; refuses store files and, without `force`, existing files (see writeOutputFile). */
  writeFile(path: string, content: string, options?: OutputOptions): Promise<void>;
}

export const processIo = (): CommandIo => ({
  openStore,
  stdout: process.stdout,
  stderr: process.stderr,
  now: () => new Date(),
  writeFile: writeOutputFile,
});
