import { describe, expect, it } from 'vitest';
import { contractsProjection } from '../contracts/projection.js';
import { foldEvents } from '../projection.js';
import { pilotHistory } from '../testing/pilot.js';
import { resolveScope, UnknownScope } from './scope.js';

describe('resolving what a user typed into a scope', () => {
  const state = foldEvents(contractsProjection, pilotHistory().events);

  it('finds a county by name in any case or by number, and an office by org number or name', () => {
    expect(resolveScope(state, { county: 'østfold' })).toEqual({ county: 'Østfold' });
    expect(resolveScope(state, { county: '40' })).toEqual({ county: 'Telemark' });
    expect(resolveScope(state, { office: '975 123 456' })).toEqual({ office: '975123456' });
    expect(resolveScope(state, { office: 'ok  bilfag' })).toEqual({ office: '975123456' });
    expect(resolveScope(state, { county: 'Telemark', office: 'Opplæringskontoret i Grenland' })).toEqual({ county: 'Telemark', office: '912345688' });
    expect(resolveScope(state, {})).toEqual({});
  });

  it('refuses a county or office that matches nothing, with a message fit for a user', () => {
    expect(() => resolveScope(state, { county: 'Sverige' })).toThrow(UnknownScope);
    expect(() => resolveScope(state, { county: 'Sverige' })).toThrow(/Unknown county "Sverige"/);
    expect(() => resolveScope(state, { county: 'Agder' })).toThrow(/No contracts are registered for Agder/);
    expect(() => resolveScope(state, { office: 'OK Elektro' })).toThrow(/Unknown office "OK Elektro"/);
    // OKOS is in Østfold, not Telemark
    expect(() => resolveScope(state, { county: 'Telemark', office: 'OKOS' })).toThrow(/Unknown office "OKOS" in Telemark/);
  });

  it('finds an office by the short name its registered name leads with, or by one the county sets', () => {
    const okos = [...state.offices.values()].find((o) => o.name === 'OKOS')!;
    const offices = new Map([...state.offices].map(([key, o]) => [key, o === okos ? { ...o, name: 'OKOS – Opplæringskontoret for offentlig sektor i Østfold' } : o]));
    const demo = { ...state, offices };
    expect(resolveScope(demo, { office: 'OKOS' })).toEqual({ office: okos.orgNumber });
    expect(resolveScope(demo, { office: 'okos' })).toEqual({ office: okos.orgNumber });
    expect(resolveScope(demo, { office: 'OKOS – Opplæringskontoret for offentlig sektor i Østfold' })).toEqual({ office: okos.orgNumber });
    expect(resolveScope(state, { office: 'Bilfag' }, new Map([['bilfag', '975123456']]))).toEqual({ office: '975123456' });
    expect(() => resolveScope(state, { office: 'Bilfag' })).toThrow(UnknownScope);
  });
});
