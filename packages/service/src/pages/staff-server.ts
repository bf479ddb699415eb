import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { commandEventId, handle, type EventStore } from '@fagsign/adapters';
import {
  contractStreamName,
  DomainError,
  InvalidCommand,
  parseContractId,
  preflight,
  replay,
  resolvePolicy,
  type ContractEvent,
  type Instant,
  type PolicyBook,
} from '@fagsign/domain';
import { contractsProjection, foldEvents, type ContractsState, type PersonalDataErasure } from '@fagsign/projections';
import type { DateTime } from 'luxon';
import type { ServiceLogger } from '../logging/logger.js';
import { errorFields } from '../logging/runner-log.js';
import { commandFor } from './actions.js';
import { actions, contractPage, staffCausation, type Action, type ContractView, type Flash } from './contract-page.js';
import { validFormToken } from './csrf.js';
import { refusalWords } from './history-words.js';
import { identityOf } from './identity.js';
import { langOf, pageWords } from './page-words.js';
import { attentionPage, mayAccess, statusPage } from './report-pages.js';
import { staffCss } from './staff-css.js';
import type { StaffIdentity, StaffSettings } from './staff-settings.js';

/** What the staff pages read and write: the settings, the event store, the live read model, the clock and the policy. */
export interface StaffServerOptions {
  readonly settings: StaffSettings;
  readonly store: EventStore<ContractEvent>;
  /** The contracts read model as followed live (undefined while it catches up at start). */
  readonly readModel: () => ContractsState | undefined;
  /** The current time for the pages' checks and the clerks' commands; a fixed clock in tests. */
  readonly clock: () => DateTime;
  readonly policy: PolicyBook;
  readonly logger: ServiceLogger;
  /** With an encrypted store: each contract's erasure date (erased, or due under the retention policy), for the status page. */
  readonly erasureDates?: () => Promise<ReadonlyMap<string, PersonalDataErasure>>;
}

/** The staff pages' HTTP server: its port, until `close()`. */
export interface StaffServer {
  readonly port: number;
  /** Stops the server and closes its open connections. */
  close(): Promise<void>;
}

/** No script, no inline style, no framing, forms only to ourselves. */
const securityHeaders = {
  'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
} as const;

const maxBody = 16_384;

/**
 * The staff pages on node:http, on their own port (behind the county's login proxy; the health and
 * metrics port stays on the operators' side). Every answer but the stylesheet needs an identity; a
 * contract outside the clerk's scope answers exactly as a missing one (404).
 */
export const startStaffServer = async (options: StaffServerOptions): Promise<StaffServer> => {
  const { settings, store, logger } = options;
  const now = () => options.clock().toUTC().toISO() as Instant;

  const send = (response: ServerResponse, status: number, body: string, type = 'text/html; charset=utf-8', extra: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-type': type, ...securityHeaders, ...extra });
    response.end(body);
  };
  const plain = (response: ServerResponse, status: number, text: string, extra: Record<string, string> = {}) => send(response, status, `${text}\n`, 'text/plain; charset=utf-8', extra);
  const notFound = (response: ServerResponse) => plain(response, 404, 'Not found / Finnes ikke');

  const loadView = async (rawId: string, identity: StaffIdentity): Promise<ContractView | undefined> => {
    const id = parseContractId(rawId);
    if (typeof id !== 'string') return undefined;
    const { events } = await store.readStream(contractStreamName(id));
    const state = replay(events.map((e) => e.event));
    const details = state.contract;
    if (details === undefined) return undefined;
    if (!mayAccess(identity, details.county, details.office.orgNumber)) return undefined;
    const summary = foldEvents(contractsProjection, events.map((e) => e.event)).contracts.get(id);
    if (summary === undefined) return undefined;
    const problems = preflight(details, resolvePolicy(options.policy, details.county), options.clock());
    return { events, state, summary, problems };
  };

  const route = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://staff.invalid');
    if (request.method === 'GET' && url.pathname === '/static/staff.css') return send(response, 200, staffCss, 'text/css; charset=utf-8');
    const identity = identityOf(request, settings.auth);
    if (identity === undefined) {
      return plain(response, 401, 'Log in first / Logg inn først', settings.auth.mode === 'tokens' ? { 'www-authenticate': 'Basic realm="fagsign", charset="UTF-8"' } : {});
    }
    const contract = /^\/contracts\/([^/]+)(?:\/([a-z-]+))?$/.exec(url.pathname);
    if (request.method === 'GET') {
      const lang = langOf(url.searchParams.get('lang'));
      if (url.pathname === '/') return send(response, 303, '', 'text/plain', { location: lang === 'en' ? '/status?lang=en' : '/status' });
      if (url.pathname === '/status' || url.pathname === '/attention') {
        const state = options.readModel();
        if (state === undefined) return plain(response, 503, 'Starting / Starter', { 'retry-after': '5' });
        if (url.pathname === '/attention') return send(response, 200, attentionPage(state, identity, now(), lang));
        return send(response, 200, statusPage(state, identity, now(), lang, await options.erasureDates?.()));
      }
      if (contract !== null && contract[2] === undefined) {
        const view = await loadView(safeDecode(contract[1]!), identity);
        if (view === undefined) return notFound(response);
        const flash: Flash = url.searchParams.get('done') === '1' ? { notice: pageWords[lang].done } : {};
        return send(response, 200, contractPage(view, identity, settings.secret, lang, now(), flash));
      }
      return notFound(response);
    }
    if (request.method === 'POST' && contract !== null && contract[2] !== undefined) return post(request, response, identity, safeDecode(contract[1]!), contract[2]);
    if (request.method === 'POST') return notFound(response);
    return plain(response, 405, 'Method not allowed', { allow: 'GET, POST' });
  };

  const post = async (request: IncomingMessage, response: ServerResponse, identity: StaffIdentity, rawId: string, rawAction: string) => {
    const action = (actions as readonly string[]).includes(rawAction) ? (rawAction as Action) : undefined;
    const view = await loadView(rawId, identity);
    if (view === undefined || action === undefined) return notFound(response);
    if (!(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return plain(response, 415, 'A form post only');
    const body = await readBody(request);
    if (body === undefined) return plain(response, 413, 'Too large');
    const form = new URLSearchParams(body);
    const lang = langOf(form.get('lang'));
    const id = view.state.contract!.contractId;
    const formId = form.get('formId') ?? undefined;
    if (!validFormToken(settings.secret, identity, id, action, formId, form.get('csrf') ?? undefined)) {
      logger.warn({ contractId: id, action }, 'a staff form post without a valid CSRF token was refused');
      return plain(response, 403, 'The form has expired or did not come from this page; reload the page and try again. / Skjemaet er utløpt; last siden på nytt.');
    }
    const back = `/contracts/${encodeURIComponent(id)}?done=1${lang === 'en' ? '&lang=en' : ''}`;
    // A form sent twice (a double click, the back button) finds its first events: nothing is decided again.
    if (view.events.some((e) => e.metadata.eventId === commandEventId(contractStreamName(id), formId!, 0))) return send(response, 303, '', 'text/plain', { location: back });
    const again = (status: number, flash: Flash) => send(response, status, contractPage(view, identity, settings.secret, lang, now(), flash));
    const asked = commandFor(action, form, view, identity, lang);
    if ('errors' in asked) return again(422, { errors: asked.errors });
    try {
      const result = await handle(store, id, asked.command, { now: options.clock(), policy: options.policy }, { commandId: formId!, causationId: staffCausation(identity.user) });
      logger.info({ contractId: id, action, commandId: formId, recorded: result.newEvents.length }, 'staff action');
      return send(response, 303, '', 'text/plain', { location: back });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      logger.info({ contractId: id, action, commandId: formId, refused: error.code }, 'staff action refused');
      const fresh = (await loadView(rawId, identity)) ?? view;
      const words = refusalWords(error, lang);
      if (error instanceof InvalidCommand) words.push(...error.violations.map((v) => v.path));
      return send(response, 422, contractPage(fresh, identity, settings.secret, lang, now(), { errors: words }));
    }
  };

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      logger.error(errorFields(error), 'a staff page failed');
      if (!response.headersSent) plain(response, 500, 'Internal error / Intern feil');
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};

const readBody = async (request: IncomingMessage): Promise<string | undefined> => {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBody) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
};

/** A malformed %-escape is a contract that does not exist, not a server error. */
const safeDecode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
};
