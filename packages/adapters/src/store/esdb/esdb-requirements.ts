import { StoreRequirementUnmet, StoreUnavailable } from '../errors.js';
import { esdbErrorOf, rightsNeeded } from './esdb-errors.js';
import { letGo, withBackstop } from './esdb-deadline.js';

type ClientModule = typeof import('@eventstore/db-client');
type Client = InstanceType<ClientModule['EventStoreDBClient']>;

/*
 * What the store needs of its server, checked at open:
 * - EventStoreDB 22.6 or later. Older servers send events read from a stream without their
 *   position in $all; the client fills in the largest 64-bit value, and a checkpoint made of it
 *   means "the end of the log", from which a catch-up silently skips everything. Such a server is
 *   refused rather than used. The version is what the server reports through its server-features
 *   service (servers before 21.10 have none and report nothing).
 * - A user that may read $all (tried with a read of one event). Writing cannot be tried without
 *   writing; a refused write names the rights needed (esdb-errors.ts).
 */

export const minimumServerVersion = { major: 22, minor: 6 };

/** The client asks the server for its features once per connection; its answer names the version. */
interface WithCapabilities {
  readonly capabilities: Promise<{ readonly serverVersion: string }>;
}

export const isSupportedVersion = (version: string): boolean => {
  const match = /^(\d+)\.(\d+)/.exec(version);
  if (match === null) return false;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major > minimumServerVersion.major || (major === minimumServerVersion.major && minor >= minimumServerVersion.minor);
};

export const checkServer = async (client: Client, module: ClientModule, deadlineMs: number): Promise<void> => {
  let version: string;
  try {
    version = (await withBackstop(deadlineMs, 'open', () => (client as unknown as WithCapabilities).capabilities)).serverVersion;
  } catch (error) {
    throw new StoreUnavailable('esdb', 'open', error);
  }
  if (!isSupportedVersion(version)) {
    const reported = version === 'unknown' ? 'reports no version (so it is older than 21.10)' : `is version ${version}`;
    throw new StoreRequirementUnmet(
      'esdb',
      'open',
      `the server ${reported}; fagsign needs EventStoreDB ${minimumServerVersion.major}.${minimumServerVersion.minor} or later, whose stream reads carry each event's position in $all`,
    );
  }
  const read = client.readAll({ fromPosition: module.START, maxCount: 1, deadline: deadlineMs });
  try {
    await withBackstop(deadlineMs, 'open', async () => {
      for await (const _ of read) void _;
    }, () => void letGo(() => read.cancel()));
  } catch (error) {
    const failure = esdbErrorOf(error, 'open');
    throw failure instanceof StoreRequirementUnmet ? new StoreRequirementUnmet('esdb', 'open', `the store's user may not read $all; it must ${rightsNeeded}`) : failure;
  }
};
