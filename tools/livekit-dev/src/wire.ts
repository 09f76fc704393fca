// JSON encoders for Room, ParticipantInfo and EgressInfo.
// Replies look like the real server's (snake_case, every default present, int64 as strings);
// webhook bodies are protojson (camelCase, defaults omitted, enums by name).
import type { EgressRecord, ParticipantRecord, RoomRecord, SegmentRecord } from './rooms.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const ns = (ms: number): string => (BigInt(Math.round(ms)) * 1_000_000n).toString();
const s = (ms: number): string => Math.floor(ms / 1000).toString();

// protojson omits enum fields at their zero value; these are the zero names of the enums we emit.
const ZERO_ENUMS = new Set([
  'EGRESS_STARTING',
  'EGRESS_SOURCE_TYPE_WEB',
  'JOINING',
  'STANDARD',
  'UNKNOWN_REASON',
  'DEFAULT_MIXING',
  'DEFAULT_SEGMENTED_FILE_PROTOCOL',
  'INDEX',
  'H264_720P_30',
  'ROOM_END_UNKNOWN',
]);
// int64 fields travel as strings, so their zero is "0".
const INT64_FIELDS = new Set([
  'startedAt',
  'endedAt',
  'updatedAt',
  'duration',
  'size',
  'segmentCount',
  'creationTime',
  'creationTimeMs',
  'joinedAt',
  'joinedAtMs',
  'createdAt',
]);
// Map-typed fields: their keys are user data, never renamed.
const MAP_FIELDS = new Set(['attributes', 'metadata', 'tags', 'tagging']);

/** Public https URL of a GCS object, the form real egress reports for gcp uploads. */
export const gcsLocation = (bucket: string, name: string): string => `https://storage.googleapis.com/${bucket}/${name}`;

export function roomJson(r: RoomRecord): JsonObject {
  return {
    sid: r.sid,
    name: r.name,
    emptyTimeout: r.emptyTimeout,
    departureTimeout: r.departureTimeout,
    maxParticipants: r.maxParticipants,
    creationTime: s(r.createdAtMs),
    creationTimeMs: String(r.createdAtMs),
    turnPassword: '',
    enabledCodecs: [],
    metadata: r.metadata,
    numParticipants: r.participants.length,
    numPublishers: 0,
    activeRecording: false,
  };
}

export function participantJson(p: ParticipantRecord, state: 'ACTIVE' | 'DISCONNECTED' = 'ACTIVE'): JsonObject {
  return {
    sid: p.sid,
    identity: p.identity,
    state,
    tracks: [],
    metadata: p.metadata,
    joinedAt: s(p.joinedAtMs),
    joinedAtMs: String(p.joinedAtMs),
    name: p.name,
    version: 1,
    region: '',
    isPublisher: false,
    kind: 'STANDARD',
    attributes: {},
    disconnectReason: 'UNKNOWN_REASON',
    kindDetails: [],
    dataTracks: [],
    clientProtocol: 0,
    capabilities: [],
  };
}

function segmentsInfo(e: EgressRecord): JsonObject {
  const t = e.target;
  const dir = playlistDir(t.filenamePrefix);
  const segs: SegmentRecord[] = e.segments;
  const totalSec = segs.reduce((a, x) => a + x.duration, 0);
  const first = segs[0];
  const last = segs[segs.length - 1];
  return {
    playlistName: t.playlistName,
    livePlaylistName: t.livePlaylistName,
    duration: ns(totalSec * 1000),
    size: String(segs.reduce((a, x) => a + x.size, 0)),
    playlistLocation: t.playlistName ? gcsLocation(t.bucket, dir + t.playlistName) : '',
    livePlaylistLocation: t.livePlaylistName ? gcsLocation(t.bucket, dir + t.livePlaylistName) : '',
    segmentCount: String(segs.length),
    startedAt: first ? ns(first.startedAtMs) : '0',
    endedAt: last && e.endedAtMs ? ns(e.endedAtMs) : '0',
  };
}

export function egressJson(e: EgressRecord): JsonObject {
  const seg = segmentsInfo(e);
  return {
    egressId: e.egressId,
    roomId: e.roomId,
    roomName: e.roomName,
    sourceType: 'EGRESS_SOURCE_TYPE_WEB',
    status: e.status,
    startedAt: e.startedAtMs ? ns(e.startedAtMs) : '0',
    endedAt: e.endedAtMs ? ns(e.endedAtMs) : '0',
    updatedAt: ns(e.updatedAtMs),
    roomComposite: e.request as JsonObject,
    streamResults: [],
    fileResults: [],
    segmentResults: [seg],
    imageResults: [],
    error: e.error,
    errorCode: e.errorCode,
    details: e.details,
    manifestLocation: '',
    backupStorageUsed: false,
    retryCount: 0,
    segments: seg,
  };
}

/** "dir/of/prefix/" for a filenamePrefix like "ingest/rec1/seg"; "" when there is no slash. */
export function playlistDir(prefix: string): string {
  const i = prefix.lastIndexOf('/');
  return i < 0 ? '' : prefix.slice(0, i + 1);
}

const snake = (k: string): string => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Reply form: keys to snake_case, everything kept. */
export function toReply(v: Json): Json {
  if (Array.isArray(v)) return v.map(toReply);
  if (v && typeof v === 'object') {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) out[snake(k)] = MAP_FIELDS.has(k) && isObject(x) ? x : toReply(x);
    return out;
  }
  return v;
}

/** Webhook form: camelCase kept, default values (0, "0", "", false, [], {}, zero enums) omitted. */
export function toWebhook(v: Json, key = ''): Json | undefined {
  if (Array.isArray(v)) {
    const items = v.map((x) => toWebhook(x)).filter((x): x is Json => x !== undefined);
    return items.length ? items : undefined;
  }
  if (v && typeof v === 'object') {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) {
      const w = MAP_FIELDS.has(k) && isObject(x) ? (Object.keys(x).length ? x : undefined) : toWebhook(x, k);
      if (w !== undefined) out[k] = w;
    }
    return Object.keys(out).length ? out : undefined;
  }
  if (v === null || v === 0 || v === '' || v === false) return undefined;
  if (v === '0' && INT64_FIELDS.has(key)) return undefined;
  if (typeof v === 'string' && ZERO_ENUMS.has(v)) return undefined;
  return v;
}

const isObject = (x: Json): x is JsonObject => !!x && typeof x === 'object' && !Array.isArray(x);

export type { Json, JsonObject };
