import { EmailAddress, encodeEvent, MobileNumber, type ContractEvent } from '@fagsign/domain';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventStore } from '../store/event-store.js';
import { storesUnderTest } from '../store/contract/stores-under-test.js';
import { sampleContractId, sampleNow, sampleRegistration } from '../store/contract/sample-history.js';
import { runId } from '../store/contract/context.js';
import { handle } from './handle.js';

const context = { now: sampleNow };
const stored = (events: readonly { event: ContractEvent }[]) => events.map((e) => e.event.type);

for (const under of storesUnderTest()) {
  if (under.skipReason !== undefined) console.warn(`handle on ${under.name} SKIPPED: ${under.skipReason}`);
  describe.skipIf(under.skipReason !== undefined)(`handle: two clerks at once on ${under.name}`, () => {
    const run = runId();
    const opened: EventStore[] = [];
    let fixture: Awaited<ReturnType<typeof under.fixture>> | undefined;
    const open = async (tag: string): Promise<EventStore> => {
      fixture ??= await under.fixture();
      const store = await fixture.open(`${run}${tag}`);
      opened.push(store);
      return store;
    };
    afterAll(async () => {
      await Promise.all(opened.map((s) => s.close()));
      await fixture?.dispose?.();
    });

    it('two clerks correcting different contact fields at the same moment: both corrections are kept', async () => {
      const store = await open('h1');
      let attempts = 0;
      for (let n = 1; n <= 10; n++) {
        const contractId = sampleContractId(n, `H${run}`);
        await handle(store, contractId, sampleRegistration(contractId, n), context);
        const [mobileFix, emailFix] = await Promise.all([
          handle(store, contractId, { type: 'CorrectContactData', role: 'laerling', changes: { mobile: MobileNumber.registered('+47 412 34 567') } }, context),
          handle(store, contractId, { type: 'CorrectContactData', role: 'faglig-leder', changes: { email: EmailAddress.registered('ny.leder@bilfag.no') } }, context),
        ]);
        attempts += mobileFix.attempts + emailFix.attempts;
        const { events, currentVersion } = await store.readStream(`contract-${contractId}`);
        expect(stored(events)).toEqual(['ContractRegistered', 'ContactDataCorrected', 'ContactDataCorrected']);
        expect(currentVersion).toBe(3);
        expect(Math.max(mobileFix.nextExpectedVersion, emailFix.nextExpectedVersion)).toBe(3);
        const parties = (mobileFix.nextExpectedVersion === 3 ? mobileFix : emailFix).state.contract!.parties;
        expect(parties.laerling!.mobile!.reveal()).toBe('+4741234567');
        expect(parties['faglig-leder']!.email!.reveal()).toBe('ny.leder@bilfag.no');
      }
      // the clerks really collided: at least one of them had to read again and decide again
      expect(attempts).toBeGreaterThan(20);
    });

    it('two clerks acting on an active order at once: the order is cancelled once, and both corrections are kept', async () => {
      const store = await open('h2');
      const contractId = sampleContractId(1, `O${run}`);
      await handle(store, contractId, sampleRegistration(contractId, 1), context);
      await handle(store, contractId, { type: 'CreateOrder' }, context);
      await Promise.all([
        handle(store, contractId, { type: 'CorrectContactData', role: 'laerling', changes: { mobile: MobileNumber.registered('41234567') } }, context),
        handle(store, contractId, { type: 'CorrectContactData', role: 'faglig-leder', changes: { email: EmailAddress.registered('ny.leder@bilfag.no') } }, context),
      ]);
      const types = stored((await store.readStream(`contract-${contractId}`)).events);
      expect(types.filter((t) => t === 'ContactDataCorrected')).toHaveLength(2);
      expect(types.filter((t) => t === 'OrderCancelled')).toHaveLength(1);
    });

    it('a county system resending RegisterContract and CreateOrder after a time-out gets the earlier answers, and nothing is stored twice', async () => {
      const store = await open('h3');
      const contractId = sampleContractId(1, `R${run}`);
      const registration = sampleRegistration(contractId, 1);
      const registered = await handle(store, contractId, registration, context, { commandId: 'vigo-1' });
      const ordered = await handle(store, contractId, { type: 'CreateOrder' }, context, { commandId: 'vigo-2' });
      const [registeredAgain, orderedAgain] = [
        await handle(store, contractId, registration, context, { commandId: 'vigo-1' }),
        await handle(store, contractId, { type: 'CreateOrder' }, context, { commandId: 'vigo-2' }),
      ];
      expect([registeredAgain.alreadyHandled, orderedAgain.alreadyHandled]).toEqual([true, true]);
      expect(registeredAgain.newEvents.map(encodeEvent)).toEqual(registered.newEvents.map(encodeEvent));
      expect(orderedAgain.newEvents.map(encodeEvent)).toEqual(ordered.newEvents.map(encodeEvent));
      expect(stored((await store.readStream(`contract-${contractId}`)).events)).toEqual(['ContractRegistered', 'OrderCreated']);
    });
  });
}
