import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { instantOf } from '@fagsign/domain';
import { contractsProjection } from '../contracts/projection.js';
import { foldEvents } from '../projection.js';
import { pilotHistory } from '../testing/pilot.js';
import { statistics } from '../reports/statistics.js';
import { statusReport } from '../reports/status-report.js';
import { renderHtml } from './html.js';

/*
 * Renders the HTML report in Debian's headless Chromium. Where Chromium is missing the test is
 * skipped with the reason printed, unless FAGSIGN_REQUIRE_CHROMIUM=1 (as in CI): then it fails.
 */
const executablePath = '/usr/bin/chromium';
const required = process.env.FAGSIGN_REQUIRE_CHROMIUM === '1';
// The machine may have no network: these flags keep Chromium from trying to reach one.
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('the HTML report in headless Chromium', () => {
  it('shows both charts with their figures and the tables, fetching nothing', async (context) => {
    if (!existsSync(executablePath)) {
      const reason = `Chromium is not installed at ${executablePath}`;
      if (required) throw new Error(`${reason}, and FAGSIGN_REQUIRE_CHROMIUM=1 requires it`);
      console.warn(`Skipping the headless-Chromium HTML test: ${reason} (install Debian's chromium, as .ci/run does).`);
      context.skip(reason);
    }
    const history = pilotHistory();
    const state = foldEvents(contractsProjection, history.events);
    const html = renderHtml({ statistics: statistics(state), status: statusReport(state, {}, instantOf(history.now)) }, 'nb');
    const dir = mkdtempSync(join(tmpdir(), 'fagsign-html-'));
    const file = join(dir, 'rapport.html');
    writeFileSync(file, html);
    const browser = await chromium.launchPersistentContext(join(dir, 'profile'), { executablePath, args, headless: true });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(pathToFileURL(file).href);

      expect(await page.title()).toBe('fagsign-rapport');
      expect(await page.locator('svg.chart').count()).toBe(2);

      const contracts = page.locator('#chart-contracts');
      await expect.poll(() => contracts.isVisible()).toBe(true);
      expect(await contracts.locator('text.label').allTextContents()).toEqual([
        'OK Bilfag (Telemark)',
        'Opplæringskontoret i Grenland (Tele…',
        'OKOS (Østfold)',
      ]);
      // never cut: every label starts inside the chart
      for (const box of await contracts.locator('text.label').evaluateAll((ts) => ts.map((t) => (t as unknown as { getBBox(): { x: number } }).getBBox().x))) expect(box).toBeGreaterThanOrEqual(0);
      const electronic = contracts.locator('g.segment[data-series="Signert elektronisk"]');
      expect(await electronic.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-value')))).toEqual(['4', '1']);
      const box = await electronic.first().locator('rect').boundingBox();
      expect(box!.width).toBeGreaterThan(100);
      expect(await contracts.locator('text.total').allTextContents()).toEqual(['4', '2', '2']);

      const failures = page.locator('#chart-failures');
      expect(await failures.locator('text.legend').allTextContents()).toEqual(['Feil mobilnummer', 'Manglende e-post', 'Feil hos signeringstjenesten', 'Utløpt', 'Kansellert']);
      expect(await failures.locator('g.segment[data-series="Feil hos signeringstjenesten"]').getAttribute('data-value')).toBe('2');

      const body = await page.locator('body').innerText();
      expect(body).toContain('Statistikk per fylke og kontor');
      expect(body).toContain('Rett i Vigo først (faglig leders e-postadresse er en fellespostkasse).');
      expect(requests).toEqual([pathToFileURL(file).href]);
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
