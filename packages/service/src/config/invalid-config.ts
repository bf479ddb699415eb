import type { ConfigProblem } from './codec.js';

/**
 * A configuration `fagsign run` refuses to start with: every problem at once, each as path and rule,
 * never a value (a store URL or a passphrase must not reach a log).
 */
export class InvalidConfig extends Error {
  readonly code = 'invalid-config';
  constructor(
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(
      `The configuration in ${source} has ${problems.length} problem${problems.length === 1 ? '' : 's'}; fagsign run did not start:\n` +
        problems.map((p) => `  - ${p.path}: ${p.rule}`).join('\n'),
    );
  }
  override get name(): string {
    return 'InvalidConfig';
  }
}
