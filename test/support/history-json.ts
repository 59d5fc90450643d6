/**
 * Workflow histories to and from the JSON form that the Temporal CLI and UI export (canonical proto3
 * JSON: `"eventId": "1"`, `"eventType": "EVENT_TYPE_…"`, durations `"10s"`, RFC 3339 times).
 *
 * Why not `historyToJSON`/`historyFromJSON` of @temporalio/common (which `Worker.runReplayHistory` also
 * calls when given JSON): in this install they throw "type must be a Type". The root node_modules holds
 * protobufjs 7 (for @grpc/proto-loader), so @temporalio/common and @temporalio/proto each got a copy of
 * protobufjs 8 of their own, and common's JSON codec rejects the message types built by proto's copy
 * (an `instanceof` across copies). The same codec, taken from the protobufjs that @temporalio/proto
 * resolves, works; once the copies are deduplicated this is exactly the SDK's function again.
 */
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';
import path from 'node:path';

export type History = proto.temporal.api.history.v1.IHistory;

interface ProtoJsonCodec {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options?: { ignoreUnknownFields?: boolean }): unknown;
}

// Resolved next to @temporalio/proto on purpose (see above).
const codec: ProtoJsonCodec = require(require.resolve('protobufjs/ext/protojson', { paths: [path.dirname(require.resolve('@temporalio/proto'))] }));
const historyType = (patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown }).lookupType('temporal.api.history.v1.History');

/** A history (as `WorkflowHandle.fetchHistory()` returns it) as pretty-printed JSON. */
export function historyToJson(history: History): string {
  return JSON.stringify(codec.toJson(historyType, proto.temporal.api.history.v1.History.fromObject(history)), null, 2);
}

/** A history parsed from that JSON, ready for `Worker.runReplayHistory`/`runReplayHistories`. */
export function historyFromJson(json: unknown): History {
  if (typeof json !== 'object' || json === null || !Array.isArray((json as { events?: unknown }).events)) {
    throw new TypeError('Invalid history: expected an object with an array of events');
  }
  return codec.fromJson(historyType, json, { ignoreUnknownFields: true }) as History;
}
