import { describe, it } from 'vitest';
import fc from 'fast-check';
import { lifecycleProperty } from './lifecycle.model.js';
import { defaultPolicy, pilotPolicy } from '../policy/signing-policy.js';

// At least 1,000 random lifecycles per invariant in CI; FAGSIGN_PROPERTY_RUNS raises it for a soak.
const numRuns = Math.max(1000, Number(process.env.FAGSIGN_PROPERTY_RUNS ?? 1000));
const assert = (property: fc.IProperty<unknown>) => fc.assert(property, { numRuns });

describe('contract lifecycle (model-based, random command sequences)', () => {
  it('at most one order is active per contract, and only the latest', () => assert(lifecycleProperty(['one-active-order'])));

  it('nothing happens after a terminal state but the archive and Vigo steps after an electronic signature and cancelling a left-over job', () =>
    assert(lifecycleProperty(['nothing-after-terminal'])));

  it('a contract is never signed both electronically and manually, nor twice', () => assert(lifecycleProperty(['never-both-signatures'])));

  it('a deadline is after its order\'s creation, and every reminder is before the deadline and outside quiet hours', () =>
    assert(lifecycleProperty(['deadlines-and-reminders'])));

  it('the pilot\'s policy keeps the same deadline and reminder rules', () => assert(lifecycleProperty(['deadlines-and-reminders', 'one-active-order'], pilotPolicy)));

  it('folding the events from scratch gives the same state as building it step by step', () => assert(lifecycleProperty(['fold-equals-steps'])));

  it('a provider fact reported again changes nothing and is not an error', () => assert(lifecycleProperty(['duplicates-change-nothing'])));

  it('an order whose upload is in doubt gets no provider error and never fails for one, until the queue or a person settles it', () =>
    assert(lifecycleProperty(['uncertain-upload-waits'])));
  it('a signature after its order ended is recorded once as a fact and never changes the order\'s end', () => assert(lifecycleProperty(['late-signature-is-a-fact'])));

  it('decide never throws, for any command including arbitrary decoded input', () => assert(lifecycleProperty(['decide-total'], defaultPolicy)));
});
