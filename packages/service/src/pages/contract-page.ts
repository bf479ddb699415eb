import type { RecordedEvent } from '@fagsign/adapters';
import { isClosed, type ContractEvent, type Instant, type ContractState, type PreflightProblem } from '@fagsign/domain';
import { nextStep, signerRoleLabels, statusLabels, typeLabels, type ContractSummary, type Lang } from '@fagsign/projections';
import { newFormKey } from './csrf.js';
import { eventWords } from './history-words.js';
import { href, html, Html, layout } from './html.js';
import { pageWords } from './page-words.js';
import type { StaffIdentity } from './staff-settings.js';
import { osloMinute } from './oslo-time.js';

/** One contract as its stream tells it: the domain's state (with the contact data), the report's summary, the pre-flight check now. */
export interface ContractView {
  readonly events: readonly RecordedEvent<ContractEvent>[];
  readonly state: ContractState;
  readonly summary: ContractSummary;
  readonly problems: readonly PreflightProblem[];
}

export interface Flash {
  readonly notice?: string;
  readonly errors?: readonly string[];
}

export const actions = ['send', 'correct', 'sign-manually', 'withdraw', 'archived', 'vigo-updated'] as const;
export type Action = (typeof actions)[number];

/** Events a clerk caused carry `staff:<id>` as their causation id (see actions.ts). */
export const staffCausation = (user: string): string => `staff:${user}`;
const whoDid = (event: RecordedEvent<ContractEvent>, system: string): string =>
  event.metadata.causationId?.startsWith('staff:') ? event.metadata.causationId.slice('staff:'.length) : system;

/**
 * The contract's page: the one place that shows personal values (to check and correct them), its
 * history in plain words, what is next, and the forms for what the clerk may do now.
 */
export const contractPage = (view: ContractView, identity: StaffIdentity, secret: string, lang: Lang, now: Instant, flash: Flash = {}): string => {
  const w = pageWords[lang];
  const details = view.state.contract!;
  const id = details.contractId;
  const form = (action: Action, legend: string, fields: Html, submit: string) => {
    const key = newFormKey(secret, identity, id, action);
    return html`<form method="post" action="/contracts/${encodeURIComponent(id)}/${action}">
<fieldset><legend>${legend}</legend>
<input type="hidden" name="formId" value="${key.formId}"><input type="hidden" name="csrf" value="${key.token}"><input type="hidden" name="lang" value="${lang}">
${fields}
<button type="submit">${submit}</button>
</fieldset>
</form>`;
  };
  // ids are unique per form: two forms may both have a "reason"
  const select = (action: Action, name: string, label: string, options: Record<string, string>) =>
    html`<p><label for="${action}-${name}">${label}</label><br><select id="${action}-${name}" name="${name}" required>${Object.entries(options).map(([value, text]) => html`<option value="${value}">${text}</option>`)}</select></p>`;

  const flashHtml = html`${flash.notice === undefined ? '' : html`<p class="notice" role="status">${flash.notice}</p>`}${
    flash.errors === undefined || flash.errors.length === 0 ? '' : html`<div class="error" role="alert"><p><strong>${w.refused}</strong></p><ul>${flash.errors.map((e) => html`<li>${e}</li>`)}</ul></div>`
  }`;

  const parties = Object.values(details.parties).filter((p) => p !== undefined);
  const summaryHtml = html`<h2>${w.summary}</h2>
<dl>
<dt>${w.status}</dt><dd>${statusLabels[view.summary.status][lang]}</dd>
<dt>${w.nextStep}</dt><dd>${nextOf(view, lang, now)}</dd>
<dt>${w.type}</dt><dd>${typeLabels[details.contractType][lang]}</dd>
<dt>${w.office}</dt><dd>${details.office.name} (${w.orgNumber} ${details.office.orgNumber}, ${details.county})</dd>
<dt>${w.startDate}</dt><dd>${details.startDate ?? '–'}</dd>
</dl>
<h2>${w.parties}</h2>
<table>
<caption>${w.parties}</caption>
<thead><tr><th scope="col">${w.role}</th><th scope="col">${w.name}</th><th scope="col">${w.mobile}</th><th scope="col">${w.email}</th></tr></thead>
<tbody>${parties.map((p) => html`<tr><th scope="row">${signerRoleLabels[p.role][lang]}</th><td>${p.name}</td><td>${p.mobile?.reveal() ?? '–'}</td><td>${p.email?.reveal() ?? '–'}</td></tr>`)}</tbody>
</table>`;

  const forms: Html[] = [];
  if (!isClosed(view.state)) {
    if (view.state.status === 'registered' || view.state.status === 'order-ended') {
      const blocking = view.problems.filter((p) => p.severity === 'blocking');
      const list =
        view.problems.length === 0
          ? html`<p>${w.preflightOk}</p>`
          : html`<p>${w.preflightProblems}</p><ul class="problems">${view.problems.map((p) => html`<li><strong>${p.severity === 'blocking' ? w.blocking : w.warning}:</strong> ${p.message[lang]}</li>`)}</ul>`;
      const override =
        blocking.length === 0
          ? ''
          : html`<p><input type="checkbox" id="send-override" name="override" value="yes"> <label for="send-override">${w.override}</label></p>
<p><label for="send-reason">${w.overrideReason}</label><br><textarea id="send-reason" name="reason" rows="3" cols="50" maxlength="500"></textarea></p>`;
      forms.push(form('send', w.sendTitle, html`${list}${override}`, w.send));
    }
    forms.push(
      form(
        'correct',
        w.correctTitle,
        html`<p>${w.correctHint}</p>${select('correct', 'role', w.correctFor, Object.fromEntries(parties.map((p) => [p.role, signerRoleLabels[p.role][lang]])))}
<p><label for="correct-mobile">${w.mobile}</label><br><input id="correct-mobile" name="mobile" type="tel" autocomplete="off" maxlength="40"></p>
<p><label for="correct-email">${w.email}</label><br><input id="correct-email" name="email" type="email" autocomplete="off" maxlength="200"></p>`,
        w.correct,
      ),
    );
    forms.push(form('sign-manually', w.manualTitle, select('sign-manually', 'reason', w.manualReason, w.manualReasons), w.manual));
    forms.push(form('withdraw', w.withdrawTitle, select('withdraw', 'reason', w.withdrawReason, w.withdrawalReasons), w.withdraw));
  } else if (view.state.status === 'signed-electronically' && view.state.followUp !== undefined) {
    if (!view.state.followUp.archive.done) {
      forms.push(
        form('archived', `${w.followUpTitle}: ${w.archived}`, html`<p><label for="archived-reference">${w.archiveReference}</label><br><input id="archived-reference" name="archiveReference" required maxlength="200" autocomplete="off"></p>`, w.archived),
      );
    }
    if (!view.state.followUp.vigo.done) forms.push(form('vigo-updated', `${w.followUpTitle}: ${w.vigoDone}`, html``, w.vigoDone));
  }

  const history = html`<h2>${w.history}</h2>
<ol class="history">${view.events.map(
    (e) => html`<li><time datetime="${e.event.data.at}">${osloMinute(e.event.data.at)}</time> ${eventWords(e.event, lang)} <span class="sub">(${w.by} ${whoDid(e, w.system)})</span></li>`,
  )}</ol>`;

  const body = html`${flashHtml}${summaryHtml}
<h2>${w.actions}</h2>
${forms.length === 0 ? html`<p>${w.closed}</p>` : forms}
${history}
<p class="noprint"><a href="${href('/status', lang)}">${w.backToStatus}</a></p>`;
  return layout({ lang, title: w.contractTitle(id), identity, current: 'contract', path: `/contracts/${encodeURIComponent(id)}` }, body);
};

const nextOf = (view: ContractView, lang: Lang, now: Instant): string => nextStep(view.summary, now)[lang];
