import { left, right, type Either } from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { readerOf, violations, type Violation } from '../model/codec-kit.js';
import { commandCodecs, commandTypes, type CommandType, type ContractCommand } from './commands.js';
import { InvalidCommand } from './errors.js';
import { eventSchemas, type ContractEvent, type EventType } from './events.js';
import { upcasters } from './upcasters.js';

/** An event as a store keeps it: plain JSON data plus the type and the schema version it was written with. */
export interface SerializedEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
}

/** A stored event that cannot be read as any known version of its type. */
export class EventDecodeError extends Error {
  readonly code = 'event-decode-failed';
  constructor(
    readonly eventType: string,
    readonly schemaVersion: number,
    readonly violations: readonly Violation[],
  ) {
    super(
      `Cannot decode ${eventType} v${schemaVersion}: ${violations.map((v) => `${v.path} ${v.rule}`).join('; ')}`,
    );
  }
  override get name(): string {
    return 'EventDecodeError';
  }
}

const isEventType = (type: string): type is EventType => Object.prototype.hasOwnProperty.call(eventSchemas, type);

export const currentSchemaVersion = (type: EventType): number => eventSchemas[type].version;

export const encodeEvent = (event: ContractEvent): SerializedEvent => {
  const schema = eventSchemas[event.type];
  return { type: event.type, schemaVersion: schema.version, data: (schema.data as { encode(a: unknown): unknown }).encode(event.data) };
};

const readers: ReadonlyMap<string, (u: unknown) => unknown> = new Map(
  Object.entries(eventSchemas).map(([type, schema]) => [type, readerOf(schema.data as t.Type<unknown, unknown, unknown>)]),
);

/** Reads a stored event of any known version: older versions are lifted by the upcasters first. */
export const decodeEvent = (stored: SerializedEvent): Either<EventDecodeError, ContractEvent> => {
  const { type, schemaVersion } = stored;
  if (!isEventType(type)) return left(new EventDecodeError(type, schemaVersion, [{ path: 'type', rule: 'is not a known event type' }]));
  const schema = eventSchemas[type];
  let data = stored.data;
  if (schemaVersion !== schema.version) {
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > schema.version) {
      return left(new EventDecodeError(type, schemaVersion, [{ path: 'schemaVersion', rule: `must be from 1 to ${schema.version}` }]));
    }
    for (let version = schemaVersion; version < schema.version; version++) {
      const upcast = upcasters[type]?.[version];
      if (upcast === undefined) {
        return left(new EventDecodeError(type, schemaVersion, [{ path: 'schemaVersion', rule: `has no upcaster from v${version}` }]));
      }
      const lifted = upcast(data);
      if (!lifted.ok) return left(new EventDecodeError(type, schemaVersion, lifted.violations));
      data = lifted.data;
    }
  }
  // the read answers most events without io-ts' Either and context per field; a refusal takes the decode, which names the path and rule
  const read = readers.get(type)!(data);
  if (read !== undefined) return right({ type, data: read } as ContractEvent);
  const decoded = schema.data.decode(data);
  return decoded._tag === 'Right'
    ? right({ type, data: decoded.right } as ContractEvent)
    : left(new EventDecodeError(type, schemaVersion, violations(decoded.left)));
};

const currentSchemas: ReadonlyMap<string, { readonly version: number; readonly data: { is(u: unknown): boolean } }> = new Map(Object.entries(eventSchemas));

/**
 * A stored event of the current schema version whose data every codec accepts as it lies, answered
 * as it is, without a decoded copy; undefined when it needs `decodeEvent` (an older version, a type
 * carrying value objects such as personal values, or data a guard refuses). Sound because each
 * codec whose guard (`is`) accepts a value decodes it to an equal value: a property test holds every
 * event type to that. For readers that need no decoded value objects (projections).
 */
export const storedAsIs = (stored: SerializedEvent): ContractEvent | undefined => {
  const schema = currentSchemas.get(stored.type);
  return schema !== undefined && schema.version === stored.schemaVersion && schema.data.is(stored.data) ? ({ type: stored.type, data: stored.data } as ContractEvent) : undefined;
};

const isCommandType = (type: unknown): type is CommandType =>
  typeof type === 'string' && Object.prototype.hasOwnProperty.call(commandCodecs, type);

/** Any input, such as a request body, as a command, or an error naming each field and rule it broke. */
export const decodeCommand = (input: unknown): Either<InvalidCommand, ContractCommand> => {
  const type = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
  if (!isCommandType(type)) {
    return left(new InvalidCommand([{ path: 'type', rule: `must be one of ${commandTypes.join(', ')}` }]));
  }
  const decoded = commandCodecs[type].decode(input);
  return decoded._tag === 'Right' ? right(decoded.right as ContractCommand) : left(new InvalidCommand(violations(decoded.left)));
};

/** The JSON form of a command, for queues and logs of what was asked (personal values as registered). */
export const encodeCommand = (command: ContractCommand): unknown =>
  (commandCodecs[command.type] as { encode(a: unknown): unknown }).encode(command);
