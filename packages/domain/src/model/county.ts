import * as t from 'io-ts';
import { stringCodec } from './codec-kit.js';

/** Norway's counties from 1 January 2024, with their county numbers. */
export const counties = {
  Oslo: '03',
  Rogaland: '11',
  'Møre og Romsdal': '15',
  Nordland: '18',
  Østfold: '31',
  Akershus: '32',
  Buskerud: '33',
  Innlandet: '34',
  Vestfold: '39',
  Telemark: '40',
  Agder: '42',
  Vestland: '46',
  Trøndelag: '50',
  Troms: '55',
  Finnmark: '56',
} as const;

export type County = keyof typeof counties;
export const countyNames = Object.keys(counties) as County[];

const byLowerName = new Map(countyNames.map((name) => [name.toLocaleLowerCase('nb'), name]));
const countySet: ReadonlySet<string> = new Set(countyNames);
const byNumber = new Map(countyNames.map((name) => [counties[name], name]));

/** Accepts the county's name in any case ("østfold") or its number ("31"). */
export const parseCounty = (s: string): County | { rule: string } =>
  (isCounty(s) ? s : undefined) ??
  byLowerName.get(s.trim().toLocaleLowerCase('nb')) ??
  byNumber.get(s.trim() as (typeof counties)[County]) ?? { rule: `must be one of Norway's counties (${countyNames.join(', ')})` };

/** A county's name as written in `counties` (its own key: not "toString" or another name every object answers to). */
export const isCounty = (u: unknown): u is County => typeof u === 'string' && countySet.has(u);

export const CountyCodec: t.Type<County, string, unknown> = stringCodec('County', isCounty, parseCounty, (c) => c, { maxLength: 64 });
