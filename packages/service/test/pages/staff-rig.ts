import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { handle, type RecordedEvent } from '@fagsign/adapters';
import { contractStreamName, parseContractId, type ContractEvent, type ContractId, type OrgNumber } from '@fagsign/domain';
import { sampleOffice, sampleRegistration } from '@fagsign/domain/testing';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { checkConfig, createLogger, startService, type RunningService } from '@fagsign/service';

/*
 * One `fagsign run` service in the test process (memory store, simulated provider, runner idle),
 * with the staff pages behind a "proxy" at 127.0.0.1: the tests set the proxy's headers themselves.
 */
export const executablePath = '/usr/bin/chromium';
export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const chromiumMissing = (): string | undefined => {
  if (existsSync(executablePath)) return undefined;
  const reason = `Chromium is not installed at ${executablePath}`;
  if (process.env.FAGSIGN_REQUIRE_CHROMIUM === '1') throw new Error(`${reason}, and FAGSIGN_REQUIRE_CHROMIUM=1 requires it`);
  console.warn(`Skipping the staff pages' browser tests: ${reason}.`);
  return reason;
};

export const officeA = sampleOffice('Opplæringskontoret for Bilfag', 11);
export const officeB = sampleOffice('OK Elektro', 22);
/** A Monday morning in August: no quiet hours. */
export const now = DateTime.fromISO('2026-08-03T10:00:00', { zone: 'Europe/Oslo' });

export const clerkOf = (office: { orgNumber: OrgNumber }, user: string) => ({
  'X-Forwarded-User': user,
  'X-Fagsign-Role': 'office',
  'X-Fagsign-County': 'Telemark',
  'X-Fagsign-Office': office.orgNumber,
});
export const countyClerk = { 'X-Forwarded-User': 'county-1', 'X-Fagsign-Role': 'county', 'X-Fagsign-County': 'Telemark' };

export const id = (s: string): ContractId => parseContractId(s) as ContractId;

export const startStaffService = async (): Promise<{ service: RunningService; base: string }> => {
  const config = checkConfig(
    {
      store: 'memory:',
      provider: { kind: 'simulated', seed: 7 },
      runner: { intervalSeconds: 3600 },
      http: { port: 0 },
      log: { level: 'silent' },
      staff: { port: 0, secretEnv: 'STAFF_SECRET', auth: { mode: 'proxy', trustedProxies: ['127.0.0.1'] } },
    },
    { source: 'staff-test', env: { STAFF_SECRET: 'a-test-secret-of-at-least-32-characters' } },
  );
  const service = await startService(config, { logger: createLogger({ level: 'silent', format: 'json' }), clock: () => now });
  const register = (contractId: string, office: typeof officeA, seed: number, parties = {}) =>
    handle(service.store, id(contractId), sampleRegistration({ contractId, office, seed, parties }), { now }, { commandId: `register-${contractId}` });
  await register('A-1', officeA, 1);
  await register('A-2', officeA, 2, { 'faglig-leder': { email: undefined } });
  await register('A-3', officeA, 3);
  await register('A-4', officeA, 4);
  await register('A-5', officeA, 6);
  await register('B-1', officeB, 5);
  return { service, base: `http://127.0.0.1:${service.staffPort}` };
};

export const streamOf = async (service: RunningService, contractId: string): Promise<readonly RecordedEvent<ContractEvent>[]> =>
  (await service.store.readStream(contractStreamName(id(contractId)))).events;

/** axe-core with the WCAG 2.1 A and AA rules; the list of violations, by rule and target. */
export const axeViolations = async (page: Page): Promise<string[]> => {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
};

const imagesDir = join(dirname(fileURLToPath(import.meta.url)), '../../../../docs/images');
/** The guide's screenshots: written only with FAGSIGN_UPDATE_SCREENSHOTS=1, so the guide shows the page as it is. */
export const screenshot = async (page: Page, name: string): Promise<void> => {
  if (process.env.FAGSIGN_UPDATE_SCREENSHOTS !== '1') return;
  mkdirSync(imagesDir, { recursive: true });
  await page.screenshot({ path: join(imagesDir, `${name}.png`), fullPage: true });
};

export const newClerkPage = async (browser: Browser, headers: Record<string, string>): Promise<Page> => {
  const context = await browser.newContext({ extraHTTPHeaders: headers, viewport: { width: 1100, height: 800 } });
  return context.newPage();
};
