// fagsign from CommonJS: the same packages, through require().
const { DateTime } = require('luxon');
const { decide, initialState, replay, decodeCommand } = require('@fagsign/domain');
const { sampleRegistration } = require('@fagsign/domain/samples');

const now = DateTime.fromISO('2026-08-03T09:00', { zone: 'Europe/Oslo' });
const registered = decide(sampleRegistration({ contractId: 'LK-2026-000201' }), initialState, { now });
if (registered._tag === 'Left') throw registered.left;
const order = decide(decodeCommand({ type: 'CreateOrder' }).right, replay(registered.right), { now });
if (order._tag === 'Left') throw order.left;
console.log(`CommonJS: ${order.right.map((e) => e.type).join(', ')}, deadline ${order.right[0].data.deadline}`);
