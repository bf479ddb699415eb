import { Server, ServerCredentials, status, type UntypedServiceImplementation } from '@grpc/grpc-js';
import featuresGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import features from '@eventstore/db-client/generated/serverfeatures_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import { defaultMaxAppendSize, FakeEsdbLog } from './fake-esdb-log.js';
import { read, type ReadBehaviour, type ReadCall } from './fake-esdb-reads.js';
import { append, batchAppend } from './fake-esdb-appends.js';
import { serverError } from './fake-esdb-messages.js';

/*
 * A fake EventStoreDB server for the tests, speaking the server's gRPC protocol through the
 * client's own service definitions (@eventstore/db-client/generated), insecure, on 127.0.0.1 and a
 * random port. It serves what fagsign's adapter uses: server features (with the server's version),
 * reads, subscriptions, Append and BatchAppend. Its faults are switched on by the test: dropping
 * subscriptions, holding new ones unconfirmed, denying `$all`.
 *
 * It is a model, not the server: no clustering, leader elections, scavenging, authentication or
 * TLS; those only a live server shows (see the adapters README).
 */

export interface FakeEsdbOptions {
  /** The version the server reports (default 23.10.0); from 22.6 on, stream reads carry positions. */
  readonly serverVersion?: string;
  /** The server's MaxAppendSize (default 1 MiB, the server's default). */
  readonly maxAppendSize?: number;
}

export interface FakeEsdbServer {
  /** The connection string: `esdb://127.0.0.1:<port>?tls=false`. */
  readonly url: string;
  readonly log: FakeEsdbLog;
  /** The user may not read `$all` (a user without the admin role on a default ACL). */
  denyAll: boolean;
  /** New subscriptions are accepted but never confirmed until this is false again. */
  holdSubscriptions: boolean;
  /** Subscriptions confirmed so far. */
  readonly confirmedSubscriptions: number;
  /** Subscription calls open now, confirmed or held. */
  readonly openSubscriptions: number;
  /** Drops every open subscription as a restarting server does; returns how many were dropped. */
  dropSubscriptions(): number;
  stop(): Promise<void>;
}

const atLeast = (version: string, major: number, minor: number): boolean => {
  const [m = 0, n = 0] = version.split('.').map((part) => Number.parseInt(part, 10));
  return m > major || (m === major && n >= minor);
};

const supportedMethods = (version: string): InstanceType<typeof features.SupportedMethods> => {
  const methods = new features.SupportedMethods();
  methods.setEventStoreServerVersion(version);
  methods.setMethodsList(
    ['read', 'append', 'batchappend', 'delete', 'tombstone'].map((name) => {
      const method = new features.SupportedMethod();
      method.setServiceName('event_store.client.streams.streams');
      method.setMethodName(name);
      return method;
    }),
  );
  return methods;
};

const unimplemented = (_call: unknown, callback: (error: unknown) => void): void => callback(serverError(status.UNIMPLEMENTED, 'Not modelled by the fake server.'));

export const startFakeEsdb = async (options: FakeEsdbOptions = {}): Promise<FakeEsdbServer> => {
  const version = options.serverVersion ?? '23.10.0';
  const log = new FakeEsdbLog(options.maxAppendSize ?? defaultMaxAppendSize);
  let confirmed = 0;
  const subscriptions = new Set<ReadCall>();
  const fake = {
    url: '',
    log,
    denyAll: false,
    holdSubscriptions: false,
    get confirmedSubscriptions() {
      return confirmed;
    },
    get openSubscriptions() {
      return subscriptions.size;
    },
    dropSubscriptions() {
      const open = [...subscriptions];
      subscriptions.clear();
      for (const call of open) call.emit('error', serverError(status.UNAVAILABLE, 'Server is shutting down.'));
      return open.length;
    },
    stop: async () => {
      fake.dropSubscriptions();
      server.forceShutdown();
    },
  };
  const behaviour: ReadBehaviour = {
    log,
    streamReadsHavePositions: atLeast(version, 22, 6),
    get denyAll() {
      return fake.denyAll;
    },
    get holdSubscriptions() {
      return fake.holdSubscriptions;
    },
    subscriptions,
    onConfirmed: () => confirmed++,
  };

  const server = new Server();
  server.addService(featuresGrpc.ServerFeaturesService as never, {
    getSupportedMethods: (_call: unknown, callback: (error: unknown, value?: unknown) => void) =>
      // Servers before 21.10 have no server-features service at all.
      atLeast(version, 21, 10) ? callback(null, supportedMethods(version)) : unimplemented(_call, callback),
  } as UntypedServiceImplementation);
  server.addService(streamsGrpc.StreamsService as never, {
    read: (call: ReadCall) => read(behaviour, call),
    append: (call: Parameters<typeof append>[1], callback: Parameters<typeof append>[2]) => append(log, call, callback),
    batchAppend: (call: Parameters<typeof batchAppend>[1]) => batchAppend(log, call),
    delete: unimplemented,
    tombstone: unimplemented,
  } as unknown as UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error === null ? resolve(bound) : reject(error))),
  );
  fake.url = `esdb://127.0.0.1:${port}?tls=false`;
  return fake;
};
