// Runs the `fagsign` command from its sources (with tsx and ./tsconfig.json), as the spawn tests do.
import { main } from '../src/index.js';

process.exitCode = await main(process.argv.slice(2));
