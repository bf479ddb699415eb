import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import shared from '@eventstore/db-client/generated/shared_pb.js';
import streams from '@eventstore/db-client/generated/streams_pb.js';
import type { ExpectedRevision, LoggedEvent, ProposedEvent } from './fake-esdb-log.js';

/*
 * Translations between the client's protobuf messages (its own generated classes, so the client's
 * serializers accept them) and the fake log's plain values, and the errors the server sends: a gRPC
 * status with an `exception` trailer that the client turns into its error classes.
 */

export const { ReadResp, AppendResp } = streams;

/** The maximum unsigned 64-bit value: what servers before 22.6 send as the position of an event read from a stream. */
export const noPosition = '18446744073709551615';

export const streamNameOf = (identifier: { getStreamName_asU8(): Uint8Array } | undefined): string =>
  identifier === undefined ? '' : Buffer.from(identifier.getStreamName_asU8()).toString('utf8');

const identifierOf = (streamName: string): InstanceType<typeof shared.StreamIdentifier> => {
  const identifier = new shared.StreamIdentifier();
  identifier.setStreamName(Buffer.from(streamName, 'utf8'));
  return identifier;
};

export const uuidText = (uuid: InstanceType<typeof shared.UUID> | undefined): string => {
  if (uuid === undefined) return '';
  if (!uuid.hasStructured()) return uuid.getString().toLowerCase();
  const bytes = Buffer.alloc(16);
  bytes.writeBigInt64BE(BigInt(uuid.getStructured()!.getMostSignificantBits()), 0);
  bytes.writeBigInt64BE(BigInt(uuid.getStructured()!.getLeastSignificantBits()), 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

interface ProposedMessage {
  getId(): InstanceType<typeof shared.UUID> | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}

export const proposedOf = (message: ProposedMessage): ProposedEvent => ({
  id: uuidText(message.getId()),
  type: message.getMetadataMap().get('type') ?? '',
  contentType: message.getMetadataMap().get('content-type') ?? 'application/octet-stream',
  data: message.getData_asU8(),
  metadata: message.getCustomMetadata_asU8(),
});

interface ExpectedOptions {
  hasAny(): boolean;
  hasNoStream(): boolean;
  hasStreamExists(): boolean;
}

export const expectedOf = (options: ExpectedOptions, revision: () => string): ExpectedRevision =>
  options.hasAny() ? 'any' : options.hasNoStream() ? 'no_stream' : options.hasStreamExists() ? 'stream_exists' : BigInt(revision());

/** An event as the server sends it; `position` undefined for an old server's stream read. */
export const readEventOf = (event: LoggedEvent, withPosition: boolean): InstanceType<typeof ReadResp> => {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  const id = new shared.UUID();
  id.setString(event.id);
  recorded.setId(id);
  recorded.setStreamIdentifier(identifierOf(event.streamName));
  recorded.setStreamRevision(String(event.revision));
  const position = withPosition ? String(event.position) : noPosition;
  recorded.setPreparePosition(position);
  recorded.setCommitPosition(position);
  recorded.getMetadataMap().set('type', event.type).set('content-type', event.contentType).set('created', String(event.created));
  recorded.setCustomMetadata(event.metadata);
  recorded.setData(event.data);
  const readEvent = new ReadResp.ReadEvent();
  readEvent.setEvent(recorded);
  if (withPosition) readEvent.setCommitPosition(String(event.position));
  else readEvent.setNoPosition(new shared.Empty());
  const response = new ReadResp();
  response.setEvent(readEvent);
  return response;
};

export const streamNotFound = (streamName: string): InstanceType<typeof ReadResp> => {
  const notFound = new ReadResp.StreamNotFound();
  notFound.setStreamIdentifier(identifierOf(streamName));
  const response = new ReadResp();
  response.setStreamNotFound(notFound);
  return response;
};

export const confirmation = (id: string): InstanceType<typeof ReadResp> => {
  const confirmed = new ReadResp.SubscriptionConfirmation();
  confirmed.setSubscriptionId(id);
  const response = new ReadResp();
  response.setConfirmation(confirmed);
  return response;
};

/** A server error as the server sends it: a status, and trailers the client reads. */
export const serverError = (code: status, details: string, trailers: Record<string, string> = {}): Partial<ServiceError> => {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return { code, details, metadata };
};

export const accessDenied = (): Partial<ServiceError> => serverError(status.PERMISSION_DENIED, 'Access denied.', { exception: 'access-denied' });

export const streamDeleted = (streamName: string): Partial<ServiceError> =>
  serverError(status.FAILED_PRECONDITION, `Event stream '${streamName}' is deleted.`, { exception: 'stream-deleted', 'stream-name': streamName });

export const appendSizeExceeded = (maxAppendSize: number): Partial<ServiceError> =>
  serverError(status.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, { exception: 'maximum-append-size-exceeded', 'maximum-append-size': String(maxAppendSize) });

export { shared, streams };
