import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(`./packages/${path}`, import.meta.url));

// Tests run against the packages' sources; the built output is checked separately with plain node
// (scripts/check-dist.mjs), because vitest would not notice a broken ESM or CJS build.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@fagsign\/domain\/testing$/, replacement: src('domain/src/testing/index.ts') },
      { find: /^@fagsign\/domain\/samples$/, replacement: src('domain/src/samples.ts') },
      { find: /^@fagsign\/domain$/, replacement: src('domain/src/index.ts') },
      { find: /^@fagsign\/adapters\/testing$/, replacement: src('adapters/src/testing.ts') },
      { find: /^@fagsign\/adapters$/, replacement: src('adapters/src/index.ts') },
      { find: /^@fagsign\/projections$/, replacement: src('projections/src/index.ts') },
      { find: /^@fagsign\/service$/, replacement: src('service/src/index.ts') },
      { find: /^@fagsign\/cli$/, replacement: src('cli/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.spec.ts', 'packages/*/test/**/*.spec.ts', 'examples/*/**/*.spec.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
