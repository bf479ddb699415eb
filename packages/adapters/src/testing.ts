// Test support for stores: the contract suite every EventStore must pass, and sample histories.
// Imports vitest, so it is for test files only (`@fagsign/adapters/testing`).
export {
  eventStoreContract,
  type ContractSuiteOptions,
  type EventStoreFixture,
  type IdempotencyRule,
  type RawStoredEvent,
} from './store/event-store.contract.js';
export { writeRawMemoryEvent } from './store/memory/memory-event-store.js';
export {
  sampleNow,
  sampleContractId,
  sampleRegistration,
  signedContractHistory,
  decideAll,
  vigoUpdated,
  archived,
} from './store/contract/sample-history.js';
