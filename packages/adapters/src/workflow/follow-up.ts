import { instantOf, type ContractCommand, type ContractId, type ContractState, type FollowUpStep, type OrderId } from '@fagsign/domain';
import { ProviderError } from '../provider/errors/provider-error.js';
import { classifyFault, type FaultSource, type WorkKind } from './failure-policy.js';
import { record, type Step } from './runner-context.js';

export interface FollowUpCounts {
  followUps: number;
  followUpFailures: number;
  ourFaults: number;
}

/**
 * Classifies a fault by the failure policy. A sender or internal fault is reported to the pass (the
 * runner's degraded state) and logged, and `undefined` says the caller records nothing.
 */
export const faultOf = (step: Step, report: { ourFaults: number }, error: unknown, work: WorkKind, source: FaultSource, ids: { contractId: ContractId; orderId?: OrderId; role?: string }) => {
  const fault = classifyFault(error, work, source);
  step.log({ at: instantOf(step.now), step: work, outcome: 'failed', ...ids, code: fault.code });
  if (fault.outcome !== 'sender' && fault.outcome !== 'internal') return fault;
  step.pass.fault(work, fault);
  report.ourFaults++;
  return undefined;
};

/**
 * Archives the signed document or reports the signature to Vigo. The port call's outcome is
 * recorded as done or failed (a transient failure is retried at growing intervals, then left to a
 * person); a fault of ours (an unexpected error of the port) records nothing and degrades the
 * runner; an error of our own store stops the tick. True when the step is done and recorded.
 */
export const followUp = async (step: Step, contractId: ContractId, state: ContractState, which: FollowUpStep, report: FollowUpCounts): Promise<boolean> => {
  const contract = state.contract!;
  const order = state.orders[state.orders.length - 1]!;
  const signedAt = state.closedAt!;
  let outcome: ContractCommand;
  let fetched = false;
  try {
    if (which === 'archive') {
      if (state.signedDocument === undefined || order.providerJobId === undefined) throw new ProviderError('no-signed-document', false, 'The contract has no signed document to fetch');
      const bytes = await step.provider.fetchSignedDocument({ providerJobId: order.providerJobId, url: state.signedDocument });
      fetched = true;
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
    step.pass.succeeded(`follow-up:${which}`);
  } catch (error) {
    const fromProvider = which === 'archive' && !fetched;
    const fault = faultOf(step, report, error, `follow-up:${which}`, fromProvider ? 'provider' : which, { contractId });
    if (fault === undefined) return false;
    report.followUpFailures++;
    outcome = { type: 'RecordFollowUpFailed', step: which, code: fault.code };
  }
  const recorded = await record(step, contractId, outcome);
  return recorded !== undefined && outcome.type !== 'RecordFollowUpFailed';
};
