import type { RegisterContract } from '@fagsign/domain';

/** Every spelling of every personal value of a registration: whole, in parts, with and without country code and spaces. */
export const spellingsOf = (registration: RegisterContract): string[] => {
  const out = new Set<string>();
  for (const party of registration.parties) {
    out.add(party.name);
    for (const part of party.name.split(/\s+/)) if (part.length >= 3) out.add(part);
    if (party.personalId !== undefined) {
      const id = party.personalId.reveal();
      out.add(id).add(`${id.slice(0, 6)} ${id.slice(6)}`).add(`${id.slice(0, 6)}-${id.slice(6)}`);
    }
    if (party.mobile !== undefined) {
      const m = party.mobile.reveal().replace(/\D/g, '').slice(-8);
      out.add(m).add(`+47${m}`).add(`0047${m}`).add(`+47 ${m}`).add(`${m.slice(0, 3)} ${m.slice(3, 5)} ${m.slice(5)}`).add(`${m.slice(0, 2)} ${m.slice(2, 4)} ${m.slice(4, 6)} ${m.slice(6)}`);
    }
    if (party.email !== undefined) {
      const e = party.email.reveal();
      out.add(e).add(e.toLowerCase()).add(e.split('@')[0]!).add(encodeURIComponent(e));
    }
  }
  return [...out];
};
