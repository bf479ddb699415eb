import type { OrderId, PartyRole } from '@fagsign/domain';

/**
 * What the adapter remembers about each order's job, because Posten signering cannot be asked:
 * there is no idempotency key and no lookup by our reference. `sending` is written before the
 * upload and `created` after the answer, so a crash in between is noticed (`JobCreationUncertain`)
 * instead of repeated. Signers are kept as roles with keyed fingerprints, never contact data.
 */
export interface JournalEntry {
  readonly orderId: OrderId;
  readonly reference: string;
  readonly state: 'sending' | 'created';
  /** The order's upload this entry is for (`SigningJobRequest.upload`); 1 when left out. */
  readonly upload?: number;
  readonly providerJobId?: string;
  readonly cancellationUrl?: string;
  readonly signers: readonly { readonly role: PartyRole; readonly fingerprints: readonly string[] }[];
}

/**
 * A county keeps this in its own database, next to the event store, so it survives restarts:
 * `openJobJournal('sqlite:…' | 'postgres://…')` (job-journal-stores.ts) keeps it in a table of the
 * event store's own database.
 */
export interface JobJournal {
  get(orderId: OrderId): Promise<JournalEntry | undefined>;
  byReference(reference: string): Promise<JournalEntry | undefined>;
  byJobId(providerJobId: string): Promise<JournalEntry | undefined>;
  put(entry: JournalEntry): Promise<void>;
  remove(orderId: OrderId): Promise<void>;
  close?(): Promise<void>;
}

/** For tests and the demo: forgets everything on restart, so it cannot prevent a duplicate job after a crash. */
export const memoryJobJournal = (): JobJournal => {
  const entries = new Map<OrderId, JournalEntry>();
  const find = (test: (e: JournalEntry) => boolean) => [...entries.values()].find(test);
  return {
    get: async (orderId) => entries.get(orderId),
    byReference: async (reference) => find((e) => e.reference === reference),
    byJobId: async (id) => find((e) => e.providerJobId === id),
    put: async (entry) => {
      entries.set(entry.orderId, entry);
    },
    remove: async (orderId) => {
      entries.delete(orderId);
    },
  };
};

/**
 * After `JobCreationUncertain`, a person looks the reference up at signering.posten.no and records
 * what they found: the job's id, or that no job was made (the next `createJob` then sends again).
 * With the workflow runner, record the finding as the domain command `ResolveUncertainSubmission`
 * instead: the runner then uploads again as the order's next upload, which the adapter honours
 * without this call.
 */
export const resolveUncertainJob = async (journal: JobJournal, orderId: OrderId, found: { providerJobId: string } | 'no-job'): Promise<void> => {
  const entry = await journal.get(orderId);
  if (entry === undefined || entry.state !== 'sending') return;
  if (found === 'no-job') await journal.remove(orderId);
  else await journal.put({ ...entry, state: 'created', providerJobId: found.providerJobId });
};
