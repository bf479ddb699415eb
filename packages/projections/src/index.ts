// The projection type and the contracts read model
export { type Projection, foldEvents } from './projection.js';
export { projectionsByName } from './registry.js';
export { SnapshotUnreadable } from './snapshot-unreadable.js';
export {
  type ContractsState,
  type ContractSummary,
  type OrderSummary,
  type OfficeInfo,
  type ContactFlags,
  type FollowUpSummary,
} from './contracts/summary.js';
export { contractsProjection, emptyContractsState } from './contracts/projection.js';
export { applyContractEvent } from './contracts/apply.js';
export { type FailureCause, failureCauses, failureCauseOf } from './contracts/attribution.js';

// Reports
export { type Scope, UnknownScope, resolveScope, inScope, officesInScope } from './reports/scope.js';
export { type Words, type Lang, osloTime } from './reports/words.js';
export { type ContractCounts, type OrderFigures, type DaysToSign, type Figures } from './reports/figures.js';
export { type Spread } from './reports/percentiles.js';
export { type StatisticsReport, type CountyStatistics, type OfficeStatistics, statistics } from './reports/statistics.js';
export {
  type StatusReport,
  type OfficeStatus,
  type StatusRow,
  type SigningStatus,
  type FollowUpProgress,
  type PersonalDataErasure,
  statusReport,
  statusRow,
  personalDataWords,
} from './reports/status-report.js';
export { nextStep, pendingRoles } from './reports/next-step.js';
export { type DeadlineState, deadlineState, daysLeft, daysLeftWords } from './reports/deadline.js';
export { type AttentionReport, type AttentionItem, type AttentionKind, attentionKinds, attention } from './reports/attention.js';
export { type DataQualityReport, type OfficeDataQuality, dataQuality } from './reports/data-quality.js';
export { type ContactProblemCode, contactProblemCodes, contactProblems } from './reports/contact-problems.js';

// The runner (catch-up, follow, versions side by side) runs on the processor core in @fagsign/adapters:
// catchUpProjection, followProjection. This package stays pure: projections, reports, renderers.

// Renderers
export { type Sheet, type Column, type ColumnKind, type Cell, formatCell } from './render/sheet.js';
export {
  contractsSheet,
  ordersSheet,
  byTypeSheet,
  statisticsSheet,
  statusSheet,
  attentionSheet,
  dataQualitySheet,
} from './render/sheets.js';
export { renderTable, renderTables } from './render/table.js';
export { leftOutNote } from './render/left-out.js';
export { renderCsv, csvSeparator } from './render/csv.js';
export { renderJson } from './render/json.js';
export { type HtmlReport, renderHtml } from './render/html.js';
export { statusLabels, causeLabels, attentionLabels, problemLabels, typeLabels, followUpLabels, roleLabels as signerRoleLabels } from './render/labels.js';
