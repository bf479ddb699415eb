import { decodeCommand, encodeCommand, InvalidCommand, parseContractId, type ContractCommand, type ContractId } from '@fagsign/domain';

/**
 * The command as the domain's codecs read it, for the contract it is handled for; throws an
 * `InvalidCommand` naming each field and rule otherwise. A typed caller's command is encoded first
 * (personal values revealed, as a queue would carry it) and decoded back, so a value its type only
 * claims (`signedAt: '2027-01-11T10:00'`, no offset) is refused here, before anything is stored,
 * and never becomes an event that later reads cannot decode. Plain JSON (a request body) is decoded
 * as it is.
 */
export const checkedCommand = (contractId: ContractId, command: ContractCommand): ContractCommand => {
  const id = parseContractId(typeof contractId === 'string' ? contractId : '');
  if (typeof id !== 'string') throw new InvalidCommand([{ path: 'contractId', rule: id.rule }]);
  const decoded = decodeCommand(wireForm(command));
  if (decoded._tag === 'Left') throw decoded.left;
  const checked = decoded.right;
  // Only RegisterContract names its contract; it must be the stream's, or B's contract lands in A's stream.
  if (checked.type === 'RegisterContract' && checked.contractId !== contractId) {
    throw new InvalidCommand([{ path: 'contractId', rule: 'must be the id of the contract the command is handled for' }]);
  }
  return checked;
};

/** What the command would look like on the wire; the input itself when it will not encode (plain JSON, a wrong shape). */
const wireForm = (command: ContractCommand): unknown => {
  try {
    return encodeCommand(command);
  } catch {
    // decoding the input as given names the field that broke, which the encoder's TypeError would not
    return command;
  }
};
