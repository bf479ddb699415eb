import {
  attention,
  attentionLabels,
  causeLabels,
  personalDataWords,
  signerRoleLabels,
  statusLabels,
  statusReport,
  typeLabels,
  type ContractsState,
  type Lang,
  type PersonalDataErasure,
  type Scope,
  type StatusRow,
} from '@fagsign/projections';
import type { Instant } from '@fagsign/domain';
import { href, html, layout, type Html } from './html.js';
import { pageWords } from './page-words.js';
import type { StaffIdentity } from './staff-settings.js';
import { osloMinute } from './oslo-time.js';

/** What a clerk may see: their office, or all of their county. */
export const scopeOf = (identity: StaffIdentity): Scope =>
  identity.role === 'county' ? { county: identity.county } : { county: identity.county, office: identity.office! };

/** Whether a clerk may see and act on a contract of this office (the same rule as `scopeOf`). */
export const mayAccess = (identity: StaffIdentity, county: string, orgNumber: string): boolean =>
  identity.county === county && (identity.role === 'county' || identity.office === orgNumber);

/** A row needs the clerk when a person must act: review, a new order, a deadline within a day, a stalled follow-up. */
export const needsClerk = (row: StatusRow): boolean =>
  row.status === 'registered' ||
  row.status === 'order-ended' ||
  (row.status === 'in-signing' && row.daysLeft !== null && row.daysLeft < 1 && row.pendingRoles.length > 0) ||
  (row.followUp !== null && (row.followUp.archive === 'needs-a-person' || row.followUp.vigo === 'needs-a-person'));

/** The report's order within an office, with the rows that need the clerk moved first (a stable partition). */
export const clerkOrder = (rows: readonly StatusRow[]): StatusRow[] => [...rows.filter(needsClerk), ...rows.filter((r) => !needsClerk(r))];

const contractLink = (id: string, lang: Lang) => href(`/contracts/${encodeURIComponent(id)}`, lang);

/**
 * The status report, the signing status first, one table per office. With `erasure` (an encrypted
 * store), a column says when each contract's personal data is erased, or was.
 */
export const statusPage = (state: ContractsState, identity: StaffIdentity, now: Instant, lang: Lang, erasure?: ReadonlyMap<string, PersonalDataErasure>): string => {
  const w = pageWords[lang];
  const report = statusReport(state, scopeOf(identity), now, erasure);
  const offices = report.offices.map((office) => {
    const rows = clerkOrder(office.rows);
    const waiting = rows.filter(needsClerk).length;
    const caption = `${office.office} (${w.orgNumber} ${office.orgNumber}, ${office.county}): ${rows.length}, ${w.needsYou.toLowerCase()} ${waiting}`;
    return html`<section aria-label="${office.office}">
<h2>${office.office} <span class="sub">${w.orgNumber} ${office.orgNumber} · ${office.county}</span></h2>
<table>
<caption>${caption}</caption>
<thead><tr><th scope="col">${w.status}</th><th scope="col">${w.contract}</th><th scope="col">${w.type}</th><th scope="col">${w.signatures}</th><th scope="col">${w.deadline}</th><th scope="col">${w.nextStep}</th>${report.erasure === true ? html`<th scope="col">${w.personalData}</th>` : ''}</tr></thead>
<tbody>
${rows.map((row) => statusRowHtml(row, lang, report.erasure === true))}
</tbody>
</table>
</section>`;
  });
  const body = html`<p>${w.asOf} ${osloMinute(report.asOf)}. ${w.sortNote}</p>
${offices.length === 0 ? html`<p>${w.nothing}</p>` : offices}`;
  return layout({ lang, title: w.statusTitle, identity, current: 'status', path: '/status' }, body);
};

const statusRowHtml = (row: StatusRow, lang: Lang, erasure: boolean): Html => {
  const w = pageWords[lang];
  const flag = needsClerk(row) ? html` <strong class="flag">(${w.needsYou})</strong>` : '';
  const failure = row.lastFailure === null ? '' : html`<br><span class="sub">${causeLabels[row.lastFailure.cause][lang]}</span>`;
  return html`<tr${needsClerk(row) ? html` class="needs"` : ''}><td>${statusLabels[row.status][lang]}${flag}${failure}</td><th scope="row"><a href="${contractLink(row.contractId, lang)}">${row.contractId}</a></th><td>${typeLabels[row.contractType][lang]}</td><td>${row.signatures === null ? '' : `${row.signatures.signed}/${row.signatures.total}`}</td><td>${row.deadline === null ? '' : osloMinute(row.deadline)}</td><td>${row.nextStep[lang]}</td>${erasure ? html`<td>${personalDataWords(row.personalData)?.[lang] ?? ''}</td>` : ''}</tr>
`;
};

/** What needs a person today, most pressing first, each with its next step. */
export const attentionPage = (state: ContractsState, identity: StaffIdentity, now: Instant, lang: Lang): string => {
  const w = pageWords[lang];
  const report = attention(state, scopeOf(identity), now);
  const rows = report.items.map(
    (item) =>
      html`<tr><td>${attentionLabels[item.kind][lang]}${item.cause === null ? '' : html`<br><span class="sub">${causeLabels[item.cause][lang]}</span>`}</td><th scope="row"><a href="${contractLink(item.contractId, lang)}">${item.contractId}</a></th><td>${item.office}</td><td>${item.at === null ? '' : osloMinute(item.at)}</td><td>${item.pendingRoles.map((r) => signerRoleLabels[r][lang]).join(', ')}${item.problems.length === 0 ? '' : html`<ul>${item.problems.map((p) => html`<li>${p[lang]}</li>`)}</ul>`}</td><td>${item.nextStep[lang]}</td></tr>
`,
  );
  const body =
    rows.length === 0
      ? html`<p>${w.asOf} ${osloMinute(report.asOf)}. ${w.nothingToday}</p>`
      : html`<p>${w.asOf} ${osloMinute(report.asOf)}.</p>
<table>
<caption>${w.attentionTitle}: ${rows.length}</caption>
<thead><tr><th scope="col">${w.what}</th><th scope="col">${w.contract}</th><th scope="col">${w.office}</th><th scope="col">${w.when}</th><th scope="col">${w.pending}</th><th scope="col">${w.nextStep}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  return layout({ lang, title: w.attentionTitle, identity, current: 'attention', path: '/attention' }, body);
};
