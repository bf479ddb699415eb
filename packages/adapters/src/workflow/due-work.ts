import {
  dueActions,
  findOrder,
  instantOf,
  isUploadUncertain,
  uploadOf,
  PreflightBlocked,
  type ContractCommand,
  type ContractId,
  type ContractState,
  type DueAction,
  type OrderId,
  type OrderState,
} from '@fagsign/domain';
import { commandsForFailedCreation, recordProviderError } from '../provider/errors/record-provider-error.js';
import { signingJobFor } from '../provider/signing-job.js';
import { JobAlreadyFinished } from '../provider/errors/job-already-finished.js';
import { orderNotSentFault, type WorkKind } from './failure-policy.js';
import { faultOf, followUp } from './follow-up.js';
import { policyOf, record, type Step } from './runner-context.js';

export interface TickReport {
  readonly submitted: number;
  readonly accepted: number;
  readonly providerErrors: number;
  /** Uploads whose answer was lost: their orders wait for the status queue or a person. */
  readonly uncertain: number;
  readonly reminders: number;
  readonly expired: number;
  readonly jobsCancelled: number;
  readonly followUps: number;
  readonly followUpFailures: number;
  readonly newOrders: number;
  /** Due work not attempted because a fault on the sender's side paused that kind of work in this run. */
  readonly paused: number;
  /** Faults of the sender or our own side: nothing recorded on any order (see `status().degraded`). */
  readonly ourFaults: number;
  /** Contracts where the runner gave up on new orders and suggests the manual (paper) contract. */
  readonly suggestManual: readonly { readonly contractId: ContractId; readonly previousOrderId: OrderId }[];
}

type Counts = { -readonly [K in keyof TickReport]: K extends 'suggestManual' ? TickReport[K] extends readonly (infer X)[] ? X[] : never : number };

export const emptyReport = (): Counts => ({
  submitted: 0, accepted: 0, providerErrors: 0, uncertain: 0, reminders: 0, expired: 0, jobsCancelled: 0, followUps: 0, followUpFailures: 0, newOrders: 0, paused: 0, ourFaults: 0, suggestManual: [],
});

/** Does everything `dueActions` says is due, for every contract with work. */
export const doDueWork = async (step: Step): Promise<TickReport> => {
  const report = emptyReport();
  let notSent = 0;
  for (const [contractId, state] of step.index.open()) {
    for (const action of dueActions(state, step.now, policyOf(step, state))) {
      const work = workOf(action);
      if (work !== undefined && step.pass.paused(work)) {
        report.paused++;
        continue;
      }
      if ((await perform(step, contractId, step.index.get(contractId) ?? state, action, report)) === 'not-sent') notSent++;
    }
  }
  // The reason clears once no order waits unsent past its deadline (a person made a new one, or paper).
  if (notSent === 0) step.pass.succeeded('expire-order');
  return report;
};

/** Nothing about the order was ever recorded after it was created: no job, no upload in doubt, no error of the service. */
const neverSent = (order: OrderState): boolean => order.status === 'created' && order.providerJobId === undefined && !isUploadUncertain(order);

const workOf = (action: DueAction): WorkKind | undefined => {
  switch (action.kind) {
    case 'submit-order':
    case 'retry-order':
      return 'submit-order';
    case 'send-reminder':
      return 'reminder';
    case 'cancel-job':
      return 'cancel-job';
    case 'follow-up':
      return `follow-up:${action.step}`;
    default:
      return undefined;
  }
};

const perform = async (step: Step, contractId: ContractId, state: ContractState, action: DueAction, report: Counts): Promise<void | 'not-sent'> => {
  switch (action.kind) {
    case 'submit-order':
    case 'retry-order':
      return submit(step, contractId, state, action.orderId, report);
    case 'send-reminder': {
      const party = state.contract?.parties[action.role];
      const to = action.channel === 'sms' ? party?.mobile : party?.email;
      const order = findOrder(state, action.orderId);
      if (to === undefined || order === undefined) {
        step.log({ at: instantOf(step.now), step: 'reminder', outcome: 'skipped', contractId, orderId: action.orderId, role: action.role, code: 'no-contact' });
        return;
      }
      const idempotencyKey = `${action.orderId}/${action.role}/reminder`;
      try {
        await step.notifier.sendReminder({ idempotencyKey, contractId, orderId: action.orderId, role: action.role, channel: action.channel, deadline: order.deadline, to });
      } catch (error) {
        // A transient failure (the SMS gateway down, quiet hours) is tried again on the next run.
        faultOf(step, report, error, 'reminder', 'notifier', { contractId, orderId: action.orderId, role: action.role });
        return;
      }
      step.pass.succeeded('reminder');
      if ((await record(step, contractId, { type: 'RecordReminderSent', orderId: action.orderId, role: action.role }))?.length) report.reminders++;
      return;
    }
    case 'cancel-job':
      return cancelJob(step, contractId, action.orderId, action.providerJobId, report);
    case 'expire-order': {
      // An order out at the service waits until a poll has found the queue empty after the time
      // it is due: a signature made just before the deadline must be in first.
      const order = findOrder(state, action.orderId);
      if (order !== undefined && neverSent(order)) {
        // Only the order's own fault may end it: one never sent was kept back by the sender or us.
        step.log({ at: instantOf(step.now), step: 'expire-order', outcome: 'skipped', contractId, orderId: action.orderId, code: orderNotSentFault.code });
        step.pass.fault('expire-order', orderNotSentFault);
        report.ourFaults++;
        return 'not-sent';
      }
      const accepted = order !== undefined && (order.status === 'accepted' || isUploadUncertain(order));
      if (accepted && (step.drainedAt === undefined || step.drainedAt < action.dueAt)) return;
      if ((await record(step, contractId, { type: 'ExpireOrder', orderId: action.orderId }))?.length) report.expired++;
      return;
    }
    case 'follow-up':
      await followUp(step, contractId, state, action.step, report);
      return;
    case 'issue-new-order': {
      try {
        const events = await record(step, contractId, { type: 'CreateOrder' });
        if (events?.length) report.newOrders++;
      } catch (error) {
        if (!(error instanceof PreflightBlocked)) throw error;
      }
      return;
    }
    case 'suggest-manual-contract':
      report.suggestManual.push({ contractId, previousOrderId: action.previousOrderId });
      return;
  }
};

/**
 * Cancels at the service the job of an order we ended, so nobody signs a document that no longer
 * counts. A job that had ended by itself is recorded as such; a transient error waits for the next tick.
 */
const cancelJob = async (step: Step, contractId: ContractId, orderId: OrderId, providerJobId: string, report: Counts): Promise<void> => {
  let alreadyFinished = false;
  try {
    await step.provider.cancelJob({ orderId, providerJobId });
  } catch (error) {
    if (!(error instanceof JobAlreadyFinished)) {
      faultOf(step, report, error, 'cancel-job', 'provider', { contractId, orderId }); // transient: the next run tries again
      return;
    }
    alreadyFinished = true;
  }
  step.pass.succeeded('cancel-job');
  if ((await record(step, contractId, { type: 'RecordJobCancelled', orderId, alreadyFinished }))?.length) report.jobsCancelled++;
};

/**
 * Sends an order to the signing service. Asking again for an order that already has a job returns
 * that job (the provider is idempotent on the order id), so a crash after the service accepted but
 * before we recorded it ends in the same job, recorded on the next tick. Only a fault that is the
 * order's own or a transient one is recorded on the order (failure-policy.ts).
 */
const submit = async (step: Step, contractId: ContractId, state: ContractState, orderId: OrderId, report: Counts): Promise<void> => {
  const order = findOrder(state, orderId);
  const contract = state.contract;
  if (order === undefined || contract === undefined) return;
  report.submitted++;
  let document: { bytes: Uint8Array };
  try {
    document = { bytes: await step.documents(contract, order) };
  } catch (error) {
    faultOf(step, report, error, 'submit-order', 'documents', { contractId, orderId });
    return;
  }
  let commands: ContractCommand[];
  try {
    const job = await step.provider.createJob(signingJobFor(contract, order, { now: instantOf(step.now), document, policy: policyOf(step, state) }));
    commands = [{ type: 'RecordOrderAccepted', orderId, providerJobId: job.providerJobId }];
    report.accepted++;
  } catch (error) {
    const fault = faultOf(step, report, error, 'submit-order', 'provider', { contractId, orderId });
    if (fault === undefined) return;
    if (fault.outcome === 'uncertain') {
      // An upload that may have arrived: the order waits for the status queue or a person.
      report.uncertain++;
      commands = [{ type: 'RecordSubmissionUncertain', orderId, upload: uploadOf(order) }];
    } else {
      report.providerErrors++;
      commands = fault.outcome === 'order' ? commandsForFailedCreation(orderId, error) : [recordProviderError(orderId, error)];
    }
  }
  step.pass.succeeded('submit-order');
  for (const command of commands) await record(step, contractId, command);
};
