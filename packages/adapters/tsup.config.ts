import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: false,
  // Store clients are loaded only by the adapter that needs them, and only when it is opened.
  external: ['better-sqlite3', 'pg', '@eventstore/db-client'],
});
