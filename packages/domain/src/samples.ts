// `@fagsign/domain/samples`: the deterministic sample data without fast-check, for demos and
// examples that run where only the packages' dependencies are installed (the `fagsign demo` of a
// county's npm install). `@fagsign/domain/testing` exports the same builders beside its arbitraries.
export {
  sampleRegistration,
  type SampleContractOptions,
  sampleOffice,
  sampleOrgNumber,
  samplePersonalId,
  sampleMobile,
} from './testing/sample-contract.js';
