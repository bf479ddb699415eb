// The same county integration with fp-ts: decoding gives an Either, handling a TaskEither, and the
// whole registration → pre-flight → order chain is one pipe whose Left is a typed error.
// fp-ts has no "exports" map: under Node's ESM, import 'fp-ts/lib/….js'.
import { DateTime } from 'luxon';
import { pipe } from 'fp-ts/lib/function.js';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { decodeCommand, preflight, blockingProblems, defaultPolicy, PreflightBlocked } from '@fagsign/domain';
import { openEventStore, handleTE } from '@fagsign/adapters';
import { vigoContracts, registrationFrom } from './vigo-data.mjs';

const store = await openEventStore('memory:');
const now = DateTime.fromISO('2026-08-03T09:00', { zone: 'Europe/Oslo' });
const context = { now, policy: defaultPolicy };

/** Registers a Vigo contract and, if the pre-flight check allows, creates its first order. */
const registerAndOrder = (vigo) =>
  pipe(
    TE.fromEither(decodeCommand(registrationFrom(vigo))),
    TE.chainW((registration) =>
      pipe(
        handleTE(store, registration.contractId, registration, context),
        TE.map((result) => ({ contractId: registration.contractId, state: result.state })),
      ),
    ),
    TE.chainFirstW(({ state }) => {
      const blocking = blockingProblems(preflight(state.contract, defaultPolicy, now));
      return blocking.length === 0 ? TE.right(undefined) : TE.left(new PreflightBlocked(blocking));
    }),
    TE.chainW(({ contractId }) => handleTE(store, contractId, { type: 'CreateOrder' }, context)),
    TE.map((result) => result.newEvents.map((e) => e.type)),
  );

for (const vigo of vigoContracts) {
  const outcome = await registerAndOrder(vigo)();
  console.log(
    pipe(
      outcome,
      E.match(
        (error) => `${vigo.kontraktId}: ${error.name} (${error.code}): ${error.message}`,
        (events) => `${vigo.kontraktId}: ${events.join(', ')}`,
      ),
    ),
  );
}
await store.close();
