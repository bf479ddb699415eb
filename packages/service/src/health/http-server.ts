import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Readiness {
  readonly ready: boolean;
  /** Why not, in words an operator can act on; empty when ready. */
  readonly reasons: readonly string[];
}

export interface HealthEndpoints {
  readonly ready: () => Promise<Readiness & Record<string, unknown>>;
  readonly metrics: () => Promise<{ readonly contentType: string; readonly body: string }>;
}

export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The operator's window, on node:http (a framework would be a dependency for three GET routes):
 * `/health/live` answers 200 while the process can answer at all; `/health/ready` answers 200 when
 * the store is reachable, this process holds the lease and nothing is degraded, else 503 with the
 * reasons; `/metrics` is Prometheus' text format. Bound to 127.0.0.1 unless configured otherwise.
 */
export const startHealthServer = async (host: string, port: number, endpoints: HealthEndpoints): Promise<HealthServer> => {
  const server: Server = createServer((request, response) => {
    const send = (status: number, contentType: string, body: string) => {
      response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
      response.end(body);
    };
    const json = (status: number, body: unknown) => send(status, 'application/json; charset=utf-8', `${JSON.stringify(body)}\n`);
    if (request.method !== 'GET' && request.method !== 'HEAD') return json(405, { error: 'only GET' });
    const path = (request.url ?? '/').split('?')[0];
    const answer = async () => {
      switch (path) {
        case '/health/live':
          return json(200, { live: true });
        case '/health/ready': {
          const readiness = await endpoints.ready();
          return json(readiness.ready ? 200 : 503, readiness);
        }
        case '/metrics': {
          const { contentType, body } = await endpoints.metrics();
          return send(200, contentType, body);
        }
        default:
          return json(404, { error: 'not found', routes: ['/health/live', '/health/ready', '/metrics'] });
      }
    };
    answer().catch(() => json(500, { error: 'internal error' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
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
