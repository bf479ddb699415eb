import type { sendUnaryData, ServerDuplexStream, ServerReadableStream } from '@grpc/grpc-js';
import { createRequire } from 'node:module';
import rpcStatus from '@eventstore/db-client/generated/status_pb.js';
import type { AppendOutcome, ExpectedRevision, FakeEsdbLog, ProposedEvent } from './fake-esdb-log.js';
import { sizeOnDisk } from './fake-esdb-log.js';
import { AppendResp, appendSizeExceeded, expectedOf, proposedOf, shared, streamDeleted, streamNameOf, streams, uuidText } from './fake-esdb-messages.js';

/*
 * The two append calls of the fake server. `Append` streams one append's events and answers once;
 * the server refuses it as soon as the events pass the maximum append size. `BatchAppend` is one
 * long-lived call per client carrying many appends, each named by a correlation id and answered
 * with a google.rpc.Status on failure (the client 6.2.1 uses it whenever no per-call credentials
 * are given).
 */

// google-protobuf is the client's dependency, not ours: its Any class is loaded from the client's place.
const fromClient = createRequire(createRequire(import.meta.url).resolve('@eventstore/db-client'));
const { Any } = fromClient('google-protobuf/google/protobuf/any_pb.js') as { Any: new () => { pack(bytes: Uint8Array, typeName: string): void } };

type AppendCall = ServerReadableStream<InstanceType<typeof streams.AppendReq>, InstanceType<typeof AppendResp>>;
type BatchCall = ServerDuplexStream<InstanceType<typeof streams.BatchAppendReq>, InstanceType<typeof streams.BatchAppendResp>>;

const appendResponse = (outcome: Extract<AppendOutcome, { kind: 'success' | 'wrong-expected-version' }>): InstanceType<typeof AppendResp> => {
  const response = new AppendResp();
  const empty = () => new shared.Empty() as never;
  if (outcome.kind === 'success') {
    const success = new AppendResp.Success();
    if (outcome.currentRevision === undefined) success.setNoStream(empty());
    else success.setCurrentRevision(String(outcome.currentRevision));
    if (outcome.position === undefined) success.setNoPosition(empty());
    else {
      const position = new AppendResp.Position();
      position.setCommitPosition(String(outcome.position));
      position.setPreparePosition(String(outcome.position));
      success.setPosition(position);
    }
    response.setSuccess(success);
    return response;
  }
  const wrong = new AppendResp.WrongExpectedVersion();
  if (outcome.currentRevision === undefined) wrong.setCurrentNoStream(empty());
  else wrong.setCurrentRevision(String(outcome.currentRevision));
  const expected = outcome.expected;
  if (expected === 'any') wrong.setExpectedAny(empty());
  else if (expected === 'no_stream') wrong.setExpectedNoStream(empty());
  else if (expected === 'stream_exists') wrong.setExpectedStreamExists(empty());
  else wrong.setExpectedRevision(String(expected));
  response.setWrongExpectedVersion(wrong);
  return response;
};

export const append = (log: FakeEsdbLog, call: AppendCall, callback: sendUnaryData<InstanceType<typeof AppendResp>>): void => {
  let streamName = '';
  let expected: ExpectedRevision = 'any';
  const events: ProposedEvent[] = [];
  let size = 0;
  let answered = false;
  const answer: typeof callback = (error, value) => {
    if (answered) return;
    answered = true;
    callback(error, value);
  };
  call.on('data', (request: InstanceType<typeof streams.AppendReq>) => {
    if (request.hasOptions()) {
      const options = request.getOptions()!;
      streamName = streamNameOf(options.getStreamIdentifier());
      expected = expectedOf(options, () => options.getRevision());
      return;
    }
    const event = proposedOf(request.getProposedMessage()!);
    size += sizeOnDisk(event);
    if (size > log.maxAppendSize) return answer(appendSizeExceeded(log.maxAppendSize) as never);
    events.push(event);
  });
  call.on('end', () => {
    if (answered) return;
    const outcome = log.append(streamName, expected, events);
    if (outcome.kind === 'stream-deleted') return answer(streamDeleted(streamName) as never);
    if (outcome.kind === 'maximum-append-size-exceeded') return answer(appendSizeExceeded(outcome.maxAppendSize) as never);
    answer(null, appendResponse(outcome));
  });
};

const failure = (code: number, message: string, typeName: string, detail: { serializeBinary(): Uint8Array }): InstanceType<typeof rpcStatus.Status> => {
  const status = new rpcStatus.Status();
  status.setCode(code);
  status.setMessage(message);
  const details = new Any();
  details.pack(detail.serializeBinary(), typeName);
  status.setDetails(details as never);
  return status;
};

const batchResponse = (streamName: string, outcome: AppendOutcome): InstanceType<typeof streams.BatchAppendResp> => {
  const response = new streams.BatchAppendResp();
  const identifier = new shared.StreamIdentifier();
  identifier.setStreamName(Buffer.from(streamName, 'utf8'));
  response.setStreamIdentifier(identifier);
  switch (outcome.kind) {
    case 'success': {
      const success = new streams.BatchAppendResp.Success();
      if (outcome.currentRevision !== undefined) success.setCurrentRevision(String(outcome.currentRevision));
      if (outcome.position !== undefined) {
        const position = new shared.AllStreamPosition();
        position.setCommitPosition(String(outcome.position));
        position.setPreparePosition(String(outcome.position));
        success.setPosition(position);
      }
      response.setSuccess(success);
      return response;
    }
    case 'wrong-expected-version': {
      const detail = new shared.WrongExpectedVersion();
      if (outcome.currentRevision !== undefined) detail.setCurrentStreamRevision(String(outcome.currentRevision));
      if (typeof outcome.expected === 'bigint') detail.setExpectedStreamPosition(String(outcome.expected));
      response.setError(failure(9, 'Wrong expected version.', 'event_store.client.WrongExpectedVersion', detail));
      return response;
    }
    case 'stream-deleted': {
      const detail = new shared.StreamDeleted();
      detail.setStreamIdentifier(identifier);
      response.setError(failure(9, 'Stream deleted.', 'event_store.client.StreamDeleted', detail));
      return response;
    }
    case 'maximum-append-size-exceeded': {
      const detail = new shared.MaximumAppendSizeExceeded();
      detail.setMaxappendsize(outcome.maxAppendSize);
      response.setError(failure(3, `Maximum Append Size of ${outcome.maxAppendSize} Exceeded.`, 'event_store.client.MaximumAppendSizeExceeded', detail));
      return response;
    }
  }
};

export const batchAppend = (log: FakeEsdbLog, call: BatchCall): void => {
  const pending = new Map<string, { streamName: string; expected: ExpectedRevision; events: ProposedEvent[] }>();
  call.on('data', (request: InstanceType<typeof streams.BatchAppendReq>) => {
    const correlation = uuidText(request.getCorrelationId());
    let append = pending.get(correlation);
    if (append === undefined) {
      const options = request.getOptions()!;
      append = { streamName: streamNameOf(options.getStreamIdentifier()), expected: expectedOf(options, () => options.getStreamPosition()), events: [] };
      pending.set(correlation, append);
    }
    append.events.push(...request.getProposedMessagesList().map(proposedOf));
    if (!request.getIsFinal()) return;
    pending.delete(correlation);
    const response = batchResponse(append.streamName, log.append(append.streamName, append.expected, append.events));
    response.setCorrelationId(request.getCorrelationId());
    call.write(response);
  });
  call.on('end', () => call.end());
};
