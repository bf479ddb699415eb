import { defaultPolicy, policyBook, policyViolations, type County, type PolicyBook, type SigningPolicy } from '@fagsign/domain';
import type { ConfigProblem } from './codec.js';
import type { PolicyChanges } from './config-codec.js';

/** Why a rule holds, where the rule alone would puzzle an operator. */
const because: Record<string, string> = {
  validityDays: ' (Posten signering keeps a job open at most 90 days)',
  signerGroups: " (Posten signering's groups go to 9, and the county, signing last, takes the one after the highest)",
};
const reasonFor = (path: string): string => because[path] ?? because[path.split(/[.[]/)[0]!] ?? '';

// The codec checks the types; the values allowed (e.g. signatureType) are the domain's rules, checked below.
const withChanges = (base: SigningPolicy, changes: PolicyChanges | undefined): SigningPolicy =>
  changes === undefined ? base : ({ ...base, ...changes, autoReissue: { ...base.autoReissue, ...changes.autoReissue } } as SigningPolicy);

/**
 * The policy book a configuration asks for: `default` over the domain's defaultPolicy, each county
 * over that; and every rule it breaks, checked by the domain's own `policyViolations`, so that a
 * `validityDays: 500` is refused at start instead of failing every order later.
 */
export const policyFromConfig = (config: { default?: PolicyChanges; counties?: Record<string, PolicyChanges> } = {}): { book: PolicyBook; problems: ConfigProblem[] } => {
  const fallback = withChanges(defaultPolicy, config.default);
  const problems: ConfigProblem[] = policyViolations(fallback).map((v) => ({ path: `policy.default.${v.path}`, rule: v.rule + reasonFor(v.path) }));
  const perCounty: Partial<Record<County, SigningPolicy>> = {};
  for (const [county, changes] of Object.entries(config.counties ?? {})) {
    const policy = withChanges(fallback, changes);
    perCounty[county as County] = policy;
    // a county's problem that only repeats the default's is reported once, under policy.default
    const own = policyViolations(policy).filter((v) => Object.prototype.hasOwnProperty.call(changes, v.path.split(/[.[]/)[0]!));
    problems.push(...own.map((v) => ({ path: `policy.counties.${county}.${v.path}`, rule: v.rule + reasonFor(v.path) })));
  }
  return { book: policyBook(perCounty, fallback), problems };
};
