import { StoreError } from './errors.js';
import type { StoreKind } from './event-store.js';

/*
 * Each store's client is an optional peer of @fagsign/adapters (see its README): a county that
 * uses PostgreSQL installs pg and never downloads, let alone compiles, better-sqlite3. So a client
 * may be missing, or (better-sqlite3) present without a native part built for this Node; either
 * way the user gets one line naming the package to install, not a module-resolution stack.
 */

/** The client package a store needs is not installed, or its native part does not load on this Node. */
export class StoreClientMissing extends StoreError {
  readonly code = 'store-client-missing';
  constructor(
    readonly kind: StoreKind,
    /** The npm package to install, e.g. `pg`. */
    readonly packageName: string,
    /** True when the package is installed but its compiled part does not load (built for another Node, or never built). */
    readonly nativePartBroken = false,
    cause?: unknown,
  ) {
    super(
      nativePartBroken
        ? `The ${kind} store needs ${packageName}, which is installed but not built for Node.js ${process.version}: run npm rebuild ${packageName}`
        : `The ${kind} store needs the package ${packageName}, which is not installed: run npm install ${packageName}`,
      cause === undefined ? undefined : { cause },
    );
  }
}

/** The resolver's "not found" for this very package (ESM or CommonJS), not for something it imports. */
const isMissing = (error: unknown, packageName: string): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    error instanceof Error &&
    (error.message.includes(`'${packageName}'`) || error.message.includes(`"${packageName}"`))
  );
};

/**
 * Loads a store's client with `load` (a literal `import('pkg')`, so bundlers still see it) and
 * turns "not installed" into StoreClientMissing; any other failure is passed on unchanged.
 */
export const loadStoreClient = async <M>(kind: StoreKind, packageName: string, load: () => Promise<M>): Promise<M> => {
  try {
    return await load();
  } catch (error) {
    if (isMissing(error, packageName)) throw new StoreClientMissing(kind, packageName, false, error);
    throw error;
  }
};

/** better-sqlite3 loads its compiled addon on the first `new Database()`: these are that load's failures. */
export const isNativeAddonLoadFailure = (error: unknown): boolean =>
  error instanceof Error &&
  (/NODE_MODULE_VERSION|Could not locate the bindings file|\.node: (invalid ELF header|cannot open shared object file)/.test(error.message) ||
    (error as { code?: unknown }).code === 'ERR_DLOPEN_FAILED');
