import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base.js';

export default defineConfig(
  packageBuild(
    { index: 'src/index.ts' },
    // Store clients are loaded only by the adapter that needs them, and only when it is opened.
    { splitting: false, external: ['better-sqlite3', 'pg', '@eventstore/db-client'] },
  ),
);
