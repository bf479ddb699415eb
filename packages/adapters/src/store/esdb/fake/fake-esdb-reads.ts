import { randomUUID } from 'node:crypto';
import type { ServerWritableStream } from '@grpc/grpc-js';
import type { FakeEsdbLog, LoggedEvent } from './fake-esdb-log.js';
import { accessDenied, confirmation, readEventOf, streamDeleted, streamNameOf, streamNotFound, type streams } from './fake-esdb-messages.js';

/*
 * The Read call of the fake server: stream reads, `$all` reads and `$all` subscriptions.
 * - A read of `$all` from a position includes the event at that position; a subscription from a
 *   position starts after it. Both see system events unless filtered.
 * - Subscriptions are confirmed first, then get the stored events, then live ones.
 * - A server before 22.6 sends no position with events read from a stream.
 */

type ReadReq = InstanceType<typeof streams.ReadReq>;
export type ReadCall = ServerWritableStream<ReadReq, InstanceType<typeof streams.ReadResp>>;

export interface ReadBehaviour {
  readonly log: FakeEsdbLog;
  /** Stream reads carry positions (servers from 22.6 on). */
  readonly streamReadsHavePositions: boolean;
  /** The user may not read `$all` (not an admin, no $all read right). */
  readonly denyAll: boolean;
  /** Subscriptions are accepted but never confirmed (a server in an election, say). */
  readonly holdSubscriptions: boolean;
  readonly subscriptions: Set<ReadCall>;
  onConfirmed(): void;
}

type FilterOptions = InstanceType<typeof streams.ReadReq.Options.FilterOptions>;

const matches = (filter: FilterOptions | undefined, event: LoggedEvent): boolean => {
  if (filter === undefined) return true;
  const expression = filter.getStreamIdentifier() ?? filter.getEventType();
  const subject = filter.hasStreamIdentifier() ? event.streamName : event.type;
  if (expression === undefined) return true;
  const prefixes = expression.getPrefixList();
  if (prefixes.length > 0) return prefixes.some((prefix) => subject.startsWith(prefix));
  return expression.getRegex() === '' || new RegExp(expression.getRegex()).test(subject);
};

const firstAtOrAfter = (log: readonly LoggedEvent[], position: bigint): number => {
  let [low, high] = [0, log.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (log[middle]!.position < position) low = middle + 1;
    else high = middle;
  }
  return low;
};

export const read = (behaviour: ReadBehaviour, call: ReadCall): void => {
  const options = call.request.getOptions()!;
  const count = options.hasCount() ? Number(BigInt(options.getCount()) > 1_000_000_000n ? 1_000_000_000n : BigInt(options.getCount())) : Infinity;
  const forwards = options.getReadDirection() === 0;

  if (options.hasStream()) {
    const streamOptions = options.getStream()!;
    const streamName = streamNameOf(streamOptions.getStreamIdentifier());
    if (behaviour.log.isTombstoned(streamName)) return void call.emit('error', streamDeleted(streamName));
    const stored = behaviour.log.stream(streamName);
    if (stored === undefined) {
      call.write(streamNotFound(streamName));
      return void call.end();
    }
    const from = streamOptions.hasStart() ? 0 : streamOptions.hasEnd() ? (forwards ? stored.length : stored.length - 1) : Math.min(Number(streamOptions.getRevision()), forwards ? stored.length : stored.length - 1);
    const selected = forwards ? stored.slice(from, from + count) : stored.slice(Math.max(0, from + 1 - count), from + 1).reverse();
    for (const event of selected) call.write(readEventOf(event, behaviour.streamReadsHavePositions));
    return void call.end();
  }

  if (behaviour.denyAll) return void call.emit('error', accessDenied());
  const all = options.getAll()!;
  const position = all.hasPosition() ? BigInt(all.getPosition()!.getCommitPosition()) : undefined;
  const filter = options.hasFilter() ? options.getFilter() : undefined;

  if (!options.hasSubscription()) {
    const log = behaviour.log.all;
    // The first event at or after the position (positions grow along the log).
    const at = position === undefined ? (forwards ? 0 : log.length) : firstAtOrAfter(log, position);
    const selected = forwards
      ? all.hasEnd() ? [] : log.slice(at, at + Math.min(count, log.length))
      : all.hasStart() ? [] : log.slice(Math.max(0, at - Math.min(count, log.length)), at).reverse();
    for (const event of selected) if (matches(filter, event)) call.write(readEventOf(event, true));
    return void call.end();
  }

  behaviour.subscriptions.add(call);
  const stop = (): void => {
    unfollow?.();
    behaviour.subscriptions.delete(call);
  };
  let unfollow: (() => void) | undefined;
  call.on('cancelled', stop);
  call.on('error', stop);
  call.on('finish', stop);
  if (behaviour.holdSubscriptions) return;
  call.write(confirmation(randomUUID()));
  behaviour.onConfirmed();
  const after = all.hasEnd() ? behaviour.log.all.at(-1)?.position : position;
  const send = (event: LoggedEvent): void => {
    if ((after === undefined || event.position > after) && matches(filter, event)) call.write(readEventOf(event, true));
  };
  // The log is written synchronously, so nothing can slip in between the catch-up and the follow.
  for (const event of behaviour.log.all) send(event);
  unfollow = behaviour.log.follow(send);
};
