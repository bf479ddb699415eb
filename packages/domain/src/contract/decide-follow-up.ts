import { left, right } from 'fp-ts/lib/Either.js';
import { followUpRetryTime } from '../policy/deadlines.js';
import type { RecordDocumentArchived, RecordFollowUpFailed } from './commands.js';
import { FollowUpNotExpected } from './errors.js';
import { event } from './events.js';
import type { FollowUpStep } from './causes.js';
import type { FollowUpState } from './state.js';
import { nothing, nowOf, type Decision, type Registered } from './decision.js';

/*
 * After the last signature the signed document goes to the county's archive and the signed status
 * back to Vigo. Each attempt is a fact; a step already done is not done again.
 */

const withStep = (r: Registered, step: FollowUpStep, run: (followUp: FollowUpState) => Decision): Decision => {
  const followUp = r.state.followUp?.[step];
  if (followUp === undefined) return left(new FollowUpNotExpected(step));
  return followUp.done ? nothing() : run(followUp);
};

export const decideArchived = (command: RecordDocumentArchived, r: Registered): Decision =>
  withStep(r, 'archive', () =>
    right([event('SignedDocumentArchived', { contractId: r.contract.contractId, at: nowOf(r), archiveReference: command.archiveReference })]),
  );

export const decideVigoUpdated = (r: Registered): Decision =>
  withStep(r, 'vigo', () => right([event('VigoUpdated', { contractId: r.contract.contractId, at: nowOf(r) })]));

export const decideFollowUpFailed = (command: RecordFollowUpFailed, r: Registered): Decision =>
  withStep(r, command.step, (followUp) => {
    const attempt = followUp.attempts + 1;
    return right([
      event('FollowUpFailed', {
        contractId: r.contract.contractId,
        at: nowOf(r),
        step: command.step,
        code: command.code,
        attempt,
        retryAt: followUpRetryTime(r.now, attempt, r.policy),
      }),
    ]);
  });
