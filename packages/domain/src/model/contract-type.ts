import * as t from 'io-ts';

/**
 * `laerekontrakt`: the ordinary apprenticeship contract, signed by a lærling.
 * `opplaeringskontrakt`: a training contract towards a lesser qualification, signed by a kandidat.
 */
export const ContractTypeCodec = t.keyof({ laerekontrakt: null, opplaeringskontrakt: null }, 'ContractType');
export type ContractType = t.TypeOf<typeof ContractTypeCodec>;
export const contractTypes: readonly ContractType[] = ['laerekontrakt', 'opplaeringskontrakt'];
