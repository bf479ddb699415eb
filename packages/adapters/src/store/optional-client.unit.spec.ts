import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { isNativeAddonLoadFailure, loadStoreClient, StoreClientMissing } from './optional-client.js';

const requireHere = createRequire(import.meta.url);
const absent = 'fagsign-no-such-client';

const rejectionOf = async (promise: Promise<unknown>): Promise<unknown> => promise.then(() => undefined, (error: unknown) => error);

describe('loading an optional store client', () => {
  it('turns an ESM import of a package that is not installed into one line naming the package to install', async () => {
    const error = await rejectionOf(loadStoreClient('postgres', absent, () => import(/* @vite-ignore */ absent)));
    expect(error).toBeInstanceOf(StoreClientMissing);
    const missing = error as StoreClientMissing;
    expect(missing.code).toBe('store-client-missing');
    expect(missing.packageName).toBe(absent);
    expect(missing.message).toBe(`The postgres store needs the package ${absent}, which is not installed: run npm install ${absent}`);
    expect(missing.message).not.toContain('\n');
  });

  it('does the same for a CommonJS require (the adapters CommonJS build)', async () => {
    const error = await rejectionOf(loadStoreClient('sqlite', absent, async () => requireHere(absent) as unknown));
    expect(error).toBeInstanceOf(StoreClientMissing);
    expect((error as Error).message).toContain(`npm install ${absent}`);
    expect((error as Error).message).not.toContain('\n');
  });

  it('passes on a missing package that the client itself imports: installing the client would not help', async () => {
    const transitive = Object.assign(new Error("Cannot find package 'long' imported from /x/node_modules/pg/index.js"), { code: 'ERR_MODULE_NOT_FOUND' });
    const error = await rejectionOf(loadStoreClient('postgres', 'pg', () => Promise.reject(transitive)));
    expect(error).toBe(transitive);
  });

  it('returns the module when the client is installed', async () => {
    const module = await loadStoreClient('memory', 'node:path', () => import('node:path'));
    expect(typeof module.join).toBe('function');
  });

  it('recognises a native addon built for another Node.js, and says to rebuild it', () => {
    const abi = new Error(
      "The module '/x/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\nNODE_MODULE_VERSION 137.",
    );
    expect(isNativeAddonLoadFailure(abi)).toBe(true);
    expect(isNativeAddonLoadFailure(new Error('Could not locate the bindings file. Tried:\n → /x/build/better_sqlite3.node'))).toBe(true);
    expect(isNativeAddonLoadFailure(new Error('SQLITE_CANTOPEN: unable to open database file'))).toBe(false);
    const broken = new StoreClientMissing('sqlite', 'better-sqlite3', true, abi);
    expect(broken.message).toBe(`The sqlite store needs better-sqlite3, which is installed but not built for Node.js ${process.version}: run npm rebuild better-sqlite3`);
  });
});
