/** The bench's raw row read (raw-read.mjs): each row's event type and parsed data to `onRow`; the number of rows read. */
export declare const rawRead: (file: string, pageSize: number, onRow: (type: string, data: unknown) => void) => number;
