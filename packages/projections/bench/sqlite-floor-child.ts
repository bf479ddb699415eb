// The floor of the projections bench's SQLite half (projections.bench.ts): the raw row read that the
// baseline times (raw-read.mjs) with the hand-written fold (hand-fold.ts) applied to each
// parsed row, and nothing else: no decode, no read model, no processor. A rebuild does all of this
// and more, so this plain loop's ratio to the raw read is what a rebuild's can be measured against
// on the same machine and Node. Run by the bench under tsx (the fold is TypeScript);
// the clock starts after the imports, as in sqlite-child.mjs.
// Usage: node --import tsx sqlite-floor-child.ts <file> <page size>
// Prints one line of JSON: { rate, events, maxRssMb, statuses }.
import type { ContractEvent } from '@fagsign/domain';
import { handFolder } from './hand-fold.js';
import { rawRead } from './raw-read.mjs';

const [file, page] = process.argv.slice(2);

const started = process.hrtime.bigint();
const fold = handFolder();
const events = rawRead(file!, Number(page), (type, data) => fold.add({ type, data } as ContractEvent));
const totals = fold.totals();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(JSON.stringify({ rate: events / seconds, events, maxRssMb: process.resourceUsage().maxRSS / 1024, statuses: totals.statuses }));
