/*
 * The transaction log of the fake EventStoreDB server: what the server decides, without gRPC. It
 * models the server's published behaviour that the adapter relies on:
 * - expected revisions (any, no_stream, stream_exists, an exact revision) checked per append;
 * - idempotent appends by event id: an append whose events are already stored right after the
 *   expected revision (or, with `any`, anywhere in the stream) is acknowledged without writing, with
 *   the position of the events first written; a partial match is a wrong expected version;
 * - one position per event in `$all`, growing with the bytes written, system events included;
 * - the maximum append size (data + metadata + type, summed over the append; 1 MiB by default);
 * - tombstoned streams, which can be neither read nor written.
 */

export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

export interface LoggedEvent extends ProposedEvent {
  readonly streamName: string;
  readonly revision: bigint;
  /** Commit and prepare position both: each event is its own record in the fake's log. */
  readonly position: bigint;
  /** .NET ticks (100 ns) since the Unix epoch, as the server sends `created`. */
  readonly created: bigint;
}

export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export type AppendOutcome =
  | { readonly kind: 'success'; readonly currentRevision: bigint | undefined; readonly position: bigint | undefined }
  | { readonly kind: 'wrong-expected-version'; readonly currentRevision: bigint | undefined; readonly expected: ExpectedRevision }
  | { readonly kind: 'stream-deleted' }
  | { readonly kind: 'maximum-append-size-exceeded'; readonly maxAppendSize: number };

export const defaultMaxAppendSize = 1024 * 1024;

/** How much of an append counts against the maximum append size, as the server counts it. */
export const sizeOnDisk = (event: ProposedEvent): number => event.data.length + event.metadata.length + Buffer.byteLength(event.type) * 2;

export class FakeEsdbLog {
  readonly all: LoggedEvent[] = [];
  private readonly streams = new Map<string, LoggedEvent[]>();
  private readonly tombstoned = new Set<string>();
  private readonly listeners = new Set<(event: LoggedEvent) => void>();
  private nextPosition = 512n;

  constructor(readonly maxAppendSize = defaultMaxAppendSize) {
    // A real log never starts empty: the server writes system events of its own first.
    const empty = new Uint8Array();
    this.write('$epoch-information', [{ id: '00000000-0000-4000-8000-000000000001', type: '$epoch-information', contentType: 'application/json', data: Buffer.from('{}'), metadata: empty }]);
    this.write('$scavenges', [{ id: '00000000-0000-4000-8000-000000000002', type: '$scavengeIndexInitialized', contentType: 'application/json', data: Buffer.from('{}'), metadata: empty }]);
  }

  stream(streamName: string): readonly LoggedEvent[] | undefined {
    return this.streams.get(streamName);
  }

  isTombstoned(streamName: string): boolean {
    return this.tombstoned.has(streamName);
  }

  tombstone(streamName: string): void {
    this.tombstoned.add(streamName);
  }

  /** Calls `listener` with every event written from now on, until the returned function is called. */
  follow(listener: (event: LoggedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  append(streamName: string, expected: ExpectedRevision, events: readonly ProposedEvent[]): AppendOutcome {
    if (this.tombstoned.has(streamName)) return { kind: 'stream-deleted' };
    const size = events.reduce((sum, e) => sum + sizeOnDisk(e), 0);
    if (size > this.maxAppendSize) return { kind: 'maximum-append-size-exceeded', maxAppendSize: this.maxAppendSize };
    const stored = this.streams.get(streamName) ?? [];
    const current = stored.length === 0 ? undefined : BigInt(stored.length - 1);
    const wrong = { kind: 'wrong-expected-version', currentRevision: current, expected } as const;

    // Where the events would have been written before, if this append is a repeat.
    const repeatAt = typeof expected === 'bigint' ? Number(expected) + 1 : expected === 'no_stream' ? 0 : stored.findIndex((e) => e.id === events[0]?.id);
    if (events.length > 0 && repeatAt >= 0 && repeatAt < stored.length && stored[repeatAt]!.id === events[0]!.id) {
      const all = events.every((e, i) => stored[repeatAt + i]?.id === e.id);
      if (!all) return wrong;
      const last = stored[repeatAt + events.length - 1]!;
      return { kind: 'success', currentRevision: last.revision, position: last.position };
    }
    const satisfied =
      expected === 'any' || (expected === 'no_stream' ? current === undefined : expected === 'stream_exists' ? current !== undefined : current === expected);
    if (!satisfied) return wrong;
    if (events.length === 0) return { kind: 'success', currentRevision: current, position: undefined };
    const written = this.write(streamName, events);
    const last = written[written.length - 1]!;
    return { kind: 'success', currentRevision: last.revision, position: last.position };
  }

  private write(streamName: string, events: readonly ProposedEvent[]): LoggedEvent[] {
    const stored = this.streams.get(streamName) ?? [];
    this.streams.set(streamName, stored);
    const created = BigInt(Date.now()) * 10_000n;
    const written = events.map((event) => {
      const logged: LoggedEvent = { ...event, streamName, revision: BigInt(stored.length), position: this.nextPosition, created };
      // Positions are byte offsets in the real log: they grow by more than one per event.
      this.nextPosition += BigInt(64 + sizeOnDisk(event));
      stored.push(logged);
      this.all.push(logged);
      return logged;
    });
    for (const event of written) for (const listener of [...this.listeners]) listener(event);
    return written;
  }
}
