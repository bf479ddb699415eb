import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { looksLikeSqlite } from '@fagsign/adapters';
import { sqlitePathOf } from './store.js';
import { UserError } from './user-error.js';

/** What decides whether an existing file may be replaced by a report or the demo's HTML. */
export interface OutputOptions {
  /** The user said `--force`: an existing file may be replaced (never a store file). */
  readonly force?: boolean;
  /** Text that marks a file this command wrote itself (the demo's HTML): such a file is replaced without --force. */
  readonly ownMarker?: string;
  /** The store the command reads: its file, WAL and journal are never an output. */
  readonly storeUrl?: string;
}

/**
 * Writes a report file so that no user mistake loses data: never over the event store or any
 * SQLite file (not even with --force), over another existing file only with --force (or a file
 * marked as this command's own), and with a line a user can act on when the folder is missing.
 */
export const writeOutputFile = async (path: string, content: string, options: OutputOptions = {}): Promise<void> => {
  const target = resolve(path);
  const existing = await assertMayWrite(path, options);
  // 'wx' for a new file: if another program creates it in between, we fail instead of overwriting it.
  const flags = existing ? constants.O_WRONLY | constants.O_TRUNC : constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL;
  try {
    const handle = await open(target, flags, 0o644);
    try {
      await handle.writeFile(content, 'utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw fileError(path, error as NodeJS.ErrnoException);
  }
};

/**
 * The checks of writeOutputFile without writing (a command that works for a while checks first);
 * true when the file exists and may be replaced.
 */
export const assertMayWrite = async (path: string, options: OutputOptions = {}): Promise<boolean> => {
  const target = resolve(path);
  const storeFile = options.storeUrl === undefined ? undefined : sqlitePathOf(options.storeUrl);
  if (storeFile !== undefined && ['', '-wal', '-shm', '-journal'].some((suffix) => resolve(storeFile + suffix) === target)) {
    throw new UserError(`${path} is the event store itself: choose another file to write to.`);
  }
  const existing = await headOf(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw fileError(path, error);
  });
  if (existing !== undefined) {
    if (looksLikeSqlite(existing)) throw new UserError(`${path} is a database file: fagsign never writes a report over it. Choose another file.`);
    const own = options.ownMarker !== undefined && existing.includes(options.ownMarker);
    if (!own && options.force !== true) throw new UserError(`${path} exists already: add --force to replace it, or choose another file.`);
    return true;
  }
  // a new file: its folder must exist (said now, not after the work is done)
  await open(dirname(target), 'r').then(
    (folder) => folder.close(),
    (error: NodeJS.ErrnoException) => {
      throw fileError(path, error);
    },
  );
  return false;
};

/** The first 64 KB of an existing file: enough for a database header or the demo's marker, whatever the file's size. */
const headOf = async (path: string): Promise<Buffer> => {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
};

const fileError = (path: string, error: NodeJS.ErrnoException): UserError => {
  switch (error.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new UserError(`Cannot write ${path}: the folder ${dirname(path)} does not exist.`);
    case 'EISDIR':
      return new UserError(`Cannot write ${path}: it is a folder.`);
    case 'EEXIST':
      return new UserError(`${path} was created by another program meanwhile: choose another file, or add --force.`);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new UserError(`Cannot write ${path}: permission denied.`, 1);
    default:
      return new UserError(`Cannot write ${path}: ${error.code ?? error.message}.`, 1);
  }
};
