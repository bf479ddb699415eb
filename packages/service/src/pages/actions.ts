import { commandCodecs, type ContractCommand, type PreflightOverride } from '@fagsign/domain';
import type { Lang } from '@fagsign/projections';
import type * as t from 'io-ts';
import type { Action, ContractView } from './contract-page.js';
import { pageWords } from './page-words.js';
import type { StaffIdentity } from './staff-settings.js';

/** The command a form asks for, or what is wrong with the form (field names only, never a value). */
export type FormCommand = { readonly command: ContractCommand } | { readonly errors: string[] };

const decoded = <A>(result: t.Validation<A>, lang: Lang): FormCommand => {
  if (result._tag === 'Right') return { command: result.right as unknown as ContractCommand };
  const fields = [...new Set(result.left.map((e) => e.context.map((c) => c.key).filter((k) => k !== '' && !/^\d+$/.test(k)).join('.') || 'form'))];
  return { errors: [`${pageWords[lang].invalidForm} ${fields.join(', ')}`] };
};

const field = (form: URLSearchParams, name: string): string | undefined => {
  const value = form.get(name)?.trim();
  return value === undefined || value === '' ? undefined : value;
};

/**
 * Turns a posted form into the domain's command. An override of the pre-flight check names each
 * blocking problem the clerk saw, with their reason and their id (`by`), as the domain keeps it.
 */
export const commandFor = (action: Action, form: URLSearchParams, view: ContractView, identity: StaffIdentity, lang: Lang): FormCommand => {
  const w = pageWords[lang];
  switch (action) {
    case 'send': {
      if (form.get('override') !== 'yes') return { command: { type: 'CreateOrder' } };
      const reason = field(form, 'reason');
      if (reason === undefined) return { errors: [w.overrideNeedsReason] };
      const overrides: PreflightOverride[] = view.problems
        .filter((p) => p.severity === 'blocking')
        .map((p) => ({ code: p.code, reason: reason.slice(0, 500), by: identity.user, ...(p.role === undefined ? {} : { role: p.role }) }));
      return { command: { type: 'CreateOrder', overrides } };
    }
    case 'correct': {
      const changes: Record<string, string> = {};
      for (const name of ['mobile', 'email'] as const) {
        const value = field(form, name);
        if (value !== undefined) changes[name] = value;
      }
      if (Object.keys(changes).length === 0) return { errors: [w.nothingToCorrect] };
      return decoded(commandCodecs.CorrectContactData.decode({ type: 'CorrectContactData', role: form.get('role'), changes }), lang);
    }
    case 'sign-manually':
      return decoded(commandCodecs.SignManually.decode({ type: 'SignManually', reason: form.get('reason') }), lang);
    case 'withdraw':
      return decoded(commandCodecs.WithdrawContract.decode({ type: 'WithdrawContract', reason: form.get('reason') }), lang);
    case 'archived':
      return decoded(commandCodecs.RecordDocumentArchived.decode({ type: 'RecordDocumentArchived', archiveReference: field(form, 'archiveReference') }), lang);
    case 'vigo-updated':
      return { command: { type: 'RecordVigoUpdated' } };
  }
};
