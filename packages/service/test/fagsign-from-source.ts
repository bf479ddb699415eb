// Runs the `fagsign` command from the sources (with tsx and ./tsconfig.json), as the spawn tests do.
import { main } from '@fagsign/cli';

process.exitCode = await main(process.argv.slice(2));
