import { afterAll, afterEach, describe } from 'vitest';
import type { EventStore } from './event-store.js';
import { contractIdFor, runId, streamFor, type ContractSuiteOptions, type EventStoreFixture, type SuiteContext } from './contract/context.js';
import { appendAndReadContract } from './contract/append.contract.js';
import { expectedVersionContract } from './contract/expected-version.contract.js';
import { concurrencyContract } from './contract/concurrency.contract.js';
import { globalOrderContract } from './contract/global-order.contract.js';
import { subscriptionContract } from './contract/subscription.contract.js';
import { payloadContract } from './contract/payload.contract.js';
import { unreadableContract } from './contract/unreadable.contract.js';
import { idempotencyContract } from './contract/idempotency.contract.js';
import { projectionContract } from './contract/projection.contract.js';
import { poisonContract } from './contract/poison.contract.js';
import { viewContract } from './contract/view.contract.js';
import { pagesContract } from './contract/pages.contract.js';
import { isolationContract } from './contract/isolation.contract.js';

export type { ContractSuiteOptions, EventStoreFixture, IdempotencyRule, RawStoredEvent } from './contract/context.js';

/**
 * The behaviour every EventStore must have, as one vitest suite named `EventStore contract: <name>`.
 * Each adapter's spec calls this with its fixture; a county's own store can run it too (through
 * `@fagsign/adapters/testing`).
 *
 * With `skipReason` (no server here) the suite is skipped and the reason printed at collection,
 * so a skip is never silent.
 */
export const eventStoreContract = (options: ContractSuiteOptions): void => {
  const { name, fixture, skipReason } = options;
  if (skipReason !== undefined) console.warn(`EventStore contract: ${name} SKIPPED: ${skipReason}`);
  describe.skipIf(skipReason !== undefined)(`EventStore contract: ${name}`, () => {
    const run = runId();
    let resolved: EventStoreFixture | undefined;
    const opened: EventStore[] = [];
    const scope = (tag: string): string => `${run}${tag}`;

    const ctx: SuiteContext = {
      get fixture() {
        if (resolved === undefined) throw new Error('the fixture is not ready');
        return resolved;
      },
      idempotency: options.idempotency,
      async open(tag) {
        resolved ??= await fixture();
        const store = await resolved.open(scope(tag));
        opened.push(store);
        return store;
      },
      contractId: (tag, n) => contractIdFor(scope(tag), n),
      stream: (tag, n) => streamFor(scope(tag), n),
    };

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });
    afterAll(async () => {
      await resolved?.dispose?.();
    });

    appendAndReadContract(ctx);
    expectedVersionContract(ctx);
    concurrencyContract(ctx);
    globalOrderContract(ctx);
    pagesContract(ctx);
    subscriptionContract(ctx);
    payloadContract(ctx);
    unreadableContract(ctx);
    idempotencyContract(ctx);
    projectionContract(ctx);
    poisonContract(ctx);
    viewContract(ctx);
    isolationContract(ctx);
  });
};
