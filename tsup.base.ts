import type { Options } from 'tsup';

/**
 * How every package builds: ESM and CommonJS for Node 22 and later, with source maps. One shared
 * chunk where a package has several entry points, so that they share classes. Declarations come
 * from tsc afterwards (scripts/build-types.mjs): tsup's dts step writes no declaration maps.
 */
export const packageBuild = (entry: Record<string, string>, extra: Options = {}): Options => ({
  entry,
  format: ['esm', 'cjs'],
  dts: false,
  sourcemap: true,
  clean: true,
  target: 'node22',
  splitting: true,
  ...extra,
});
