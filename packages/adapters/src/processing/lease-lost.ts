/** This process no longer holds the processor's lease (it expired, or another took it): it must stop before its next outside call. */
export class LeaseLost extends Error {
  readonly code = 'lease-lost';
  constructor(readonly processor: string) {
    super(`The lease of processor "${processor}" is no longer held by this process; it stops, and the holder carries on`);
  }
  override get name(): string {
    return 'LeaseLost';
  }
}
