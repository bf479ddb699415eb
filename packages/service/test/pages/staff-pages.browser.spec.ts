import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '@fagsign/service';
import { axeViolations, chromiumArgs, chromiumMissing, clerkOf, countyClerk, executablePath, newClerkPage, officeA, officeB, screenshot, startStaffService, streamOf } from './staff-rig.js';

const missing = chromiumMissing();

describe.skipIf(missing !== undefined)('the staff pages in headless Chromium', () => {
  let service: RunningService;
  let base: string;
  let browser: Browser;
  const clerkA = clerkOf(officeA, 'clerk-a');

  beforeAll(async () => {
    ({ service, base } = await startStaffService());
    browser = await chromium.launch({ executablePath, args: chromiumArgs, headless: true });
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('shows office A its status report, signing status first and rows needing the clerk first, and nothing of office B', async () => {
    const page = await newClerkPage(browser, clerkA);
    await page.goto(`${base}/status`);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(5);
    expect(await page.locator('thead th').first().innerText()).toBe('Status');
    expect(await page.locator('tbody tr th a').allInnerTexts()).toEqual(['A-1', 'A-2', 'A-3', 'A-4', 'A-5']);
    expect(await page.locator('body').innerText()).not.toContain('B-1');
    expect(await page.locator('body').innerText()).not.toContain(officeB.name);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${base}/attention`);
    expect(await page.locator('body').innerText()).toContain('A-2');
    expect(await page.locator('body').innerText()).not.toContain('B-1');
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${base}/status?lang=en`);
    expect(await page.locator('h1').innerText()).toBe('Status report');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('lets a clerk of office A send an order, recorded once with their identity even when the form is posted twice', async () => {
    const page = await newClerkPage(browser, clerkA);
    await page.goto(`${base}/contracts/A-1`);
    expect(await page.locator('body').innerText()).toContain('Forhåndskontrollen fant ingen problemer.');
    await screenshot(page, 'staff-3-contract');
    expect(await axeViolations(page)).toEqual([]);
    const form = page.locator('form[action$="/send"]');
    const fields = { formId: await form.locator('[name=formId]').inputValue(), csrf: await form.locator('[name=csrf]').inputValue(), lang: 'nb' };
    await form.getByRole('button').click();
    await expect.poll(() => page.locator('[role=status]').innerText()).toBe('Registrert.');
    // the same form again, as a double click or the back button sends it
    const again = await page.request.post(`${base}/contracts/A-1/send`, { form: fields, maxRedirects: 0 });
    expect(again.status()).toBe(303);
    const created = (await streamOf(service, 'A-1')).filter((e) => e.event.type === 'OrderCreated');
    expect(created).toHaveLength(1);
    expect(created[0]!.metadata.causationId).toBe('staff:clerk-a');
    expect(await page.locator('.history').innerText()).toMatch(/Sendt til signering\. \(av clerk-a\)/);
  });

  it('shows a blocking pre-flight problem first, refuses the order in words, and takes an override only with a reason', async () => {
    const page = await newClerkPage(browser, clerkA);
    await page.goto(`${base}/contracts/A-2`);
    const form = page.locator('form[action$="/send"]');
    expect(await form.locator('.problems').innerText()).toMatch(/Stopper:.*e-post/i);
    await form.getByRole('button').click();
    await expect.poll(() => page.locator('[role=alert]').innerText()).toContain('Forhåndskontrollen stopper oppdraget');
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('form[action$="/send"]').getByLabel('Send likevel').check();
    await page.locator('form[action$="/send"]').getByRole('button').click();
    await expect.poll(() => page.locator('[role=alert]').innerText()).toContain('En overstyring trenger en begrunnelse.');
    const retry = page.locator('form[action$="/send"]');
    await retry.getByLabel('Send likevel').check();
    await retry.getByLabel('Begrunnelse for overstyringen').fill('Faglig leder signerer med SMS; avtalt på telefon.');
    await screenshot(page, 'staff-4-override');
    await retry.getByRole('button').click();
    await expect.poll(() => page.locator('[role=status]').innerText()).toBe('Registrert.');
    const created = (await streamOf(service, 'A-2')).filter((e) => e.event.type === 'OrderCreated');
    expect(created).toHaveLength(1);
    expect(created[0]!.metadata.causationId).toBe('staff:clerk-a');
    const overrides = created[0]!.event.type === 'OrderCreated' ? created[0]!.event.data.overrides : [];
    expect(overrides.map((o) => [o.by, o.reason])).toEqual([['clerk-a', 'Faglig leder signerer med SMS; avtalt på telefon.']]);
  });

  it('records a corrected mobile number, a paper signature and a withdrawal, each with the clerk on the event', async () => {
    const page = await newClerkPage(browser, clerkA);
    await page.goto(`${base}/contracts/A-3`);
    const correct = page.locator('form[action$="/correct"]');
    await correct.getByLabel('Part').selectOption('laerling');
    await correct.getByLabel('Mobil').fill('41234567');
    await correct.getByRole('button').click();
    await expect.poll(() => page.locator('[role=status]').innerText()).toBe('Registrert.');
    const manual = page.locator('form[action$="/sign-manually"]');
    await manual.getByLabel('Hvorfor på papir').selectOption('signer-cannot-sign-digitally');
    await screenshot(page, 'staff-5-paper');
    await manual.getByRole('button').click();
    await expect.poll(() => page.locator('[role=status]').innerText()).toBe('Registrert.');
    expect(await page.locator('body').innerText()).toContain('Kontrakten er avsluttet');

    await page.goto(`${base}/contracts/A-4`);
    await page.locator('form[action$="/withdraw"]').getByLabel('Hvorfor').selectOption('apprentice-left');
    await screenshot(page, 'staff-6-withdraw');
    await page.locator('form[action$="/withdraw"]').getByRole('button').click();
    await expect.poll(() => page.locator('[role=status]').innerText()).toBe('Registrert.');
    await screenshot(page, 'staff-7-history');
    expect(await axeViolations(page)).toEqual([]);

    const byClerk = async (contract: string, type: string) => (await streamOf(service, contract)).filter((e) => e.event.type === type).map((e) => e.metadata.causationId);
    expect(await byClerk('A-3', 'ContactDataCorrected')).toEqual(['staff:clerk-a']);
    expect(await byClerk('A-3', 'ContractSignedManually')).toEqual(['staff:clerk-a']);
    expect(await byClerk('A-4', 'ContractWithdrawn')).toEqual(['staff:clerk-a']);
    await page.goto(`${base}/contracts/A-4?lang=en`);
    expect(await page.locator('.history').innerText()).toContain('The contract was withdrawn: The apprentice left. (by clerk-a)');
    expect(await axeViolations(page)).toEqual([]);
  });

  it("keeps office B's contract from a clerk of office A: by page, guessed id and forged post, all as a missing one", async () => {
    const page = await newClerkPage(browser, clerkA);
    const missingOne = await page.request.get(`${base}/contracts/NO-SUCH-1`);
    const other = await page.request.get(`${base}/contracts/B-1`);
    expect([missingOne.status(), other.status()]).toEqual([404, 404]);
    expect(await other.text()).toBe(await missingOne.text());
    // a valid form of A's own contract, posted to B's
    await page.goto(`${base}/contracts/A-1`);
    const form = page.locator('form[action$="/withdraw"]');
    const fields = { formId: await form.locator('[name=formId]').inputValue(), csrf: await form.locator('[name=csrf]').inputValue(), lang: 'nb', reason: 'other' };
    const forged = await page.request.post(`${base}/contracts/B-1/withdraw`, { form: fields, maxRedirects: 0 });
    expect(forged.status()).toBe(404);
    expect((await streamOf(service, 'B-1')).map((e) => e.event.type)).toEqual(['ContractRegistered']);
    // county staff see both offices
    const county = await newClerkPage(browser, countyClerk);
    await county.goto(`${base}/status`);
    await expect.poll(() => county.locator('tbody tr th a').allInnerTexts()).toContain('B-1');
    expect((await county.request.get(`${base}/contracts/B-1`)).status()).toBe(200);
  });

  it('answers 401 without an identity and 403 to a post without its CSRF token, recording nothing', async () => {
    const anonymous = await newClerkPage(browser, {});
    for (const path of ['/', '/status', '/attention', '/contracts/A-1']) expect((await anonymous.request.get(`${base}${path}`)).status(), path).toBe(401);
    expect((await anonymous.request.post(`${base}/contracts/A-1/withdraw`, { form: { reason: 'other' } })).status()).toBe(401);
    const page = await newClerkPage(browser, clerkA);
    const before = (await streamOf(service, 'A-1')).length;
    const noToken = await page.request.post(`${base}/contracts/A-1/withdraw`, { form: { reason: 'other', lang: 'nb' }, maxRedirects: 0 });
    expect(noToken.status()).toBe(403);
    await page.goto(`${base}/contracts/A-1`);
    const formId = await page.locator('form[action$="/withdraw"] [name=formId]').inputValue();
    const wrongToken = await page.request.post(`${base}/contracts/A-1/withdraw`, { form: { reason: 'other', formId, csrf: 'x'.repeat(43) }, maxRedirects: 0 });
    expect(wrongToken.status()).toBe(403);
    expect((await streamOf(service, 'A-1')).length).toBe(before);
  });

  it('sends a strict Content-Security-Policy, no script, and no personal value in any URL', async () => {
    const page = await newClerkPage(browser, clerkA);
    const response = await page.goto(`${base}/contracts/A-1`);
    expect(response!.headers()['content-security-policy']).toContain("default-src 'none'");
    expect(response!.headers()['content-security-policy']).not.toContain('unsafe-inline');
    expect(await page.locator('script, [style]').count()).toBe(0);
    const hrefs = await page.locator('a[href], form[action]').evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? e.getAttribute('action') ?? ''));
    expect(hrefs.every((h) => /^[a-zA-Z0-9/?=#&._-]*$/.test(h) && !/\d{8}/.test(h))).toBe(true);
    // the guide's pictures of the reports, after the other tests have acted on the contracts
    await page.goto(`${base}/status`);
    await expect.poll(() => page.locator('tbody').innerText()).toContain('Trukket');
    // the one contract still awaiting review needs the clerk: it comes first in its office
    expect(await page.locator('tbody tr th a').allInnerTexts()).toEqual(['A-5', 'A-1', 'A-2', 'A-3', 'A-4']);
    await screenshot(page, 'staff-1-status');
    await page.goto(`${base}/attention`);
    await screenshot(page, 'staff-2-attention');
  });
});
