import type { Options } from 'tsup';

/**
 * How every package builds: ESM and CommonJS with declarations for both (.d.ts and .d.cts), for
 * Node 20. One shared chunk where a package has several entry points, so that they share classes.
 */
export const packageBuild = (entry: Record<string, string>, extra: Options = {}): Options => ({
  entry,
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: true,
  ...extra,
});
