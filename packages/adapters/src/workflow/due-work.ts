import {
  dueActions,
  findOrder,
  instantOf,
  PreflightBlocked,
  type ContractCommand,
  type ContractId,
  type ContractState,
  type DueAction,
  type FollowUpStep,
  type OrderId,
} from '@fagsign/domain';
import { commandsForFailedCreation } from '../provider/errors/record-provider-error.js';
import { signingJobFor } from '../provider/signing-job.js';
import { JobAlreadyFinished } from '../provider/errors/job-already-finished.js';
import { codeOf, policyOf, record, type Step } from './runner-context.js';

export interface TickReport {
  readonly submitted: number;
  readonly accepted: number;
  readonly providerErrors: number;
  readonly reminders: number;
  readonly expired: number;
  readonly jobsCancelled: number;
  readonly followUps: number;
  readonly followUpFailures: number;
  readonly newOrders: number;
  /** Contracts where the runner gave up on new orders and suggests the manual (paper) contract. */
  readonly suggestManual: readonly { readonly contractId: ContractId; readonly previousOrderId: OrderId }[];
}

type Counts = { -readonly [K in keyof TickReport]: K extends 'suggestManual' ? TickReport[K] extends readonly (infer X)[] ? X[] : never : number };

export const emptyReport = (): Counts => ({
  submitted: 0, accepted: 0, providerErrors: 0, reminders: 0, expired: 0, jobsCancelled: 0, followUps: 0, followUpFailures: 0, newOrders: 0, suggestManual: [],
});

/** Does everything `dueActions` says is due, for every contract with work. */
export const doDueWork = async (step: Step): Promise<TickReport> => {
  const report = emptyReport();
  for (const [contractId, state] of step.index.open()) {
    for (const action of dueActions(state, step.now, policyOf(step, state))) {
      await perform(step, contractId, step.index.get(contractId) ?? state, action, report);
    }
  }
  return report;
};

const perform = async (step: Step, contractId: ContractId, state: ContractState, action: DueAction, report: Counts): Promise<void> => {
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
        step.log({ at: instantOf(step.now), step: 'reminder', outcome: 'failed', contractId, orderId: action.orderId, role: action.role, code: codeOf(error) });
        return;
      }
      if ((await record(step, contractId, { type: 'RecordReminderSent', orderId: action.orderId, role: action.role }))?.length) report.reminders++;
      return;
    }
    case 'cancel-job':
      return cancelJob(step, contractId, action.orderId, action.providerJobId, report);
    case 'expire-order': {
      // An order out at the service waits until a poll has found the queue empty after the time
      // it is due: a signature made just before the deadline must be in first.
      const accepted = findOrder(state, action.orderId)?.status === 'accepted';
      if (accepted && (step.drainedAt === undefined || step.drainedAt < action.dueAt)) return;
      if ((await record(step, contractId, { type: 'ExpireOrder', orderId: action.orderId }))?.length) report.expired++;
      return;
    }
    case 'follow-up':
      return followUp(step, contractId, state, action.step, report);
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
      step.log({ at: instantOf(step.now), step: 'cancel-job', outcome: 'failed', contractId, orderId, code: codeOf(error) });
      return;
    }
    alreadyFinished = true;
  }
  if ((await record(step, contractId, { type: 'RecordJobCancelled', orderId, alreadyFinished }))?.length) report.jobsCancelled++;
};

/**
 * Sends an order to the signing service. Asking again for an order that already has a job returns
 * that job (the provider is idempotent on the order id), so a crash after the service accepted but
 * before we recorded it ends in the same job, recorded on the next tick.
 */
const submit = async (step: Step, contractId: ContractId, state: ContractState, orderId: OrderId, report: Counts): Promise<void> => {
  const order = findOrder(state, orderId);
  const contract = state.contract;
  if (order === undefined || contract === undefined) return;
  report.submitted++;
  let commands: ContractCommand[];
  try {
    const document = { bytes: await step.documents(contract, order) };
    const job = await step.provider.createJob(signingJobFor(contract, order, { now: instantOf(step.now), document }));
    commands = [{ type: 'RecordOrderAccepted', orderId, providerJobId: job.providerJobId }];
    report.accepted++;
  } catch (error) {
    commands = commandsForFailedCreation(orderId, error);
    report.providerErrors++;
    step.log({ at: instantOf(step.now), step: 'submit-order', outcome: 'failed', contractId, orderId, code: codeOf(error) });
  }
  for (const command of commands) await record(step, contractId, command);
};

/**
 * Archives the signed document or reports the signature to Vigo. The port call's outcome is
 * recorded as done or failed (a failure is retried at growing intervals, then left to a person);
 * an error of our own store is not the port's failure and stops the tick.
 */
const followUp = async (step: Step, contractId: ContractId, state: ContractState, which: FollowUpStep, report: Counts): Promise<void> => {
  const contract = state.contract!;
  const order = state.orders[state.orders.length - 1]!;
  const signedAt = state.closedAt!;
  let outcome: ContractCommand;
  try {
    if (which === 'archive') {
      if (state.signedDocument === undefined || order.providerJobId === undefined) throw Object.assign(new Error('no signed document'), { code: 'no-signed-document' });
      const bytes = await step.provider.fetchSignedDocument({ providerJobId: order.providerJobId, url: state.signedDocument });
      const { reference } = await step.archive.storeSignedContract({
        idempotencyKey: `${order.orderId}/archive`,
        contractId,
        orderId: order.orderId,
        county: contract.county,
        signedAt,
        fileName: `${contract.contractType}-${contractId}.pdf`,
        bytes,
      });
      outcome = { type: 'RecordDocumentArchived', archiveReference: reference };
    } else {
      await step.vigo.reportSigned({ idempotencyKey: `${contractId}/vigo-signed`, contractId, county: contract.county, signedAt, method: 'electronic' });
      outcome = { type: 'RecordVigoUpdated' };
    }
    report.followUps++;
  } catch (error) {
    report.followUpFailures++;
    step.log({ at: instantOf(step.now), step: `follow-up:${which}`, outcome: 'failed', contractId, code: codeOf(error) });
    outcome = { type: 'RecordFollowUpFailed', step: which, code: codeOf(error) };
  }
  await record(step, contractId, outcome);
};
