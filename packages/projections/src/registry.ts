import { contractsProjection } from './contracts/projection.js';
import type { Projection } from './projection.js';

/** Every projection fagsign keeps, by name: what `fagsign rebuild --projection NAME` knows. */
export const projectionsByName: Readonly<Record<string, Projection<never>>> = {
  [contractsProjection.name]: contractsProjection as Projection<never>,
};
