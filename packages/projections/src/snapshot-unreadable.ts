/**
 * A saved projection whose shape this code cannot read (edited by hand, or written by a broken
 * version). The log is the truth and the snapshot only a cache: `fagsign rebuild` folds it again.
 */
export class SnapshotUnreadable extends Error {
  readonly code = 'snapshot-unreadable';
  constructor(readonly projection: string) {
    super(`The saved projection "${projection}" has an unexpected shape: run 'fagsign rebuild' to fold it again from the log.`);
  }
  override get name(): string {
    return 'SnapshotUnreadable';
  }
}
