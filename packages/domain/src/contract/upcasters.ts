import * as t from 'io-ts';
import { isRight } from 'fp-ts/lib/Either.js';
import { ContractIdCodec, OrderIdCodec } from '../model/contract-id.js';
import { channelFor, PartyRoleCodec } from '../model/party-role.js';
import { InstantCodec, toDateTime } from '../model/time.js';
import { violations, type Violation } from '../model/codec-kit.js';
import { deadlineFor } from '../policy/deadlines.js';
import type { EventType } from './events.js';

/** Turns the stored data of one schema version into the next version's stored form. */
export type Upcaster = (data: unknown) => { ok: true; data: unknown } | { ok: false; violations: Violation[] };

/**
 * OrderCreated version 1, as the first release stored it: the signers as bare roles and only the
 * validity, because every order then lasted the pilot's fixed days and nobody was reminded.
 */
export const OrderCreatedV1Data = t.type({
  contractId: ContractIdCodec,
  at: InstantCodec,
  orderId: OrderIdCodec,
  validityDays: t.number,
  signers: t.array(PartyRoleCodec),
});

const orderCreatedV1toV2: Upcaster = (data) => {
  const decoded = OrderCreatedV1Data.decode(data);
  if (!isRight(decoded)) return { ok: false, violations: violations(decoded.left) };
  const v1 = decoded.right;
  const deadline = deadlineFor(toDateTime(v1.at), v1.validityDays);
  return {
    ok: true,
    data: {
      contractId: v1.contractId,
      at: v1.at,
      orderId: v1.orderId,
      attempt: Number(v1.orderId.slice(v1.orderId.lastIndexOf('/') + 1)),
      validityDays: v1.validityDays,
      deadline,
      // Version 1 orders had no reminder of ours; keep it that way rather than invent one after the fact.
      remindAt: null,
      signers: v1.signers.map((role) => ({ role, channel: channelFor(role), group: 1 })),
      overrides: [],
    },
  };
};

/** Upcasters by event type and the version they read; each lifts its input one version. */
export const upcasters: Partial<Record<EventType, Readonly<Record<number, Upcaster>>>> = {
  OrderCreated: { 1: orderCreatedV1toV2 },
};

