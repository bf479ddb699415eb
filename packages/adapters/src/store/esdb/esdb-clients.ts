import type { EventStoreDBClient } from '@eventstore/db-client';
import { UnknownStoreUrl } from '../errors.js';
import { letGo } from './esdb-deadline.js';

/*
 * One client per connection string inside a process, shared by the stores opened with it and
 * disposed when the last of them closes. A client is a gRPC channel with its own reconnection
 * state; two for one server only double the connections, and disposing one must never cancel
 * calls another store still has in flight.
 *
 * Appends never take the client's BatchAppend path. Client 6.2.1 keeps that path's pending
 * appends in one table for the whole process: any client's batch stream failing (a store closing,
 * a server restarting) rejects every client's pending appends, although their servers wrote them,
 * and their late replies then crash the process with a TypeError. The client takes the plain
 * Append call instead whenever an append names its credentials, so every append names them: the
 * connection string's user, or (insecure servers, where credentials are ignored) an empty one.
 */

type Client = InstanceType<typeof EventStoreDBClient>;
type ClientModule = typeof import('@eventstore/db-client');

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

export interface SharedClient {
  readonly client: Client;
  /** Credentials to pass with every append, so the client uses the plain Append call; undefined when none can be named. */
  readonly appendCredentials: Credentials | undefined;
  /** Releases this store's share; the last release disposes the client. */
  release(): Promise<void>;
}

interface Entry {
  readonly client: Client;
  readonly appendCredentials: Credentials | undefined;
  users: number;
}

const clients = new Map<string, Entry>();

/** The user in a connection string, and whether it asks for TLS (the client's default is yes). */
const credentialsOf = (url: string): Credentials | undefined => {
  const userInfo = /^[a-z+]+:\/\/([^@/?]*)@/i.exec(url)?.[1];
  if (userInfo !== undefined) {
    const [username = '', password = ''] = userInfo.split(':');
    return { username: decodeURIComponent(username), password: decodeURIComponent(password) };
  }
  // Without TLS the client sends no credentials at all, so an empty user changes nothing on the wire.
  // With TLS and no user (certificate authentication) none can be named: BatchAppend stays.
  return /[?&]tls=false(&|$)/i.test(url) ? { username: '', password: '' } : undefined;
};

export const acquireClient = (module: ClientModule, url: string): SharedClient => {
  let entry = clients.get(url);
  if (entry === undefined) {
    let client: Client;
    try {
      client = module.EventStoreDBClient.connectionString(url);
    } catch {
      // The client's message repeats the connection string, which may hold a password.
      throw new UnknownStoreUrl(url.slice(0, url.indexOf(':') + 1), 'the EventStoreDB connection string is malformed');
    }
    entry = { client, appendCredentials: credentialsOf(url), users: 0 };
    clients.set(url, entry);
  }
  entry.users++;
  const shared = entry;
  let released = false;
  return {
    client: shared.client,
    appendCredentials: shared.appendCredentials,
    async release() {
      if (released) return;
      released = true;
      shared.users--;
      if (shared.users > 0) return;
      if (clients.get(url) === shared) clients.delete(url);
      await letGo(() => shared.client.dispose(), 1_000);
    },
  };
};

/** How many stores share the client of a connection string (for tests). */
export const clientUsers = (url: string): number => clients.get(url)?.users ?? 0;
