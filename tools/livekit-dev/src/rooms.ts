// Room, participant and egress records, and their persistence to the state file.
// Every mutation goes through StateStore so the file always matches memory (a restart reloads it).
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export const EGRESS_STATUSES = [
  'EGRESS_STARTING',
  'EGRESS_ACTIVE',
  'EGRESS_ENDING',
  'EGRESS_COMPLETE',
  'EGRESS_FAILED',
  'EGRESS_ABORTED',
  'EGRESS_LIMIT_REACHED',
] as const;
export type EgressStatus = (typeof EGRESS_STATUSES)[number];

/** `active` in ListEgress means status below COMPLETE. */
export const isActiveStatus = (s: EgressStatus): boolean => EGRESS_STATUSES.indexOf(s) < 3;

export interface ParticipantRecord {
  sid: string;
  identity: string;
  name: string;
  metadata: string;
  joinedAtMs: number;
}

export interface RoomRecord {
  sid: string;
  name: string;
  emptyTimeout: number;
  departureTimeout: number;
  maxParticipants: number;
  metadata: string;
  createdAtMs: number;
  participants: ParticipantRecord[];
}

/**
 * How the request said to authenticate the upload, without its secret: an S3 (HMAC) key with its
 * endpoint, a GCP key JSON, or none (real egress then uses its host's own identity).
 */
export type UploadAuth =
  | { kind: 's3-key'; accessKey: string; endpoint: string; forcePathStyle: boolean; region: string }
  | { kind: 'gcp-key' }
  | { kind: 'ambient' };

export interface SegmentTarget {
  storage: 'gcp' | 's3';
  bucket: string;
  auth: UploadAuth;
  filenamePrefix: string;
  playlistName: string;
  livePlaylistName: string;
  segmentDuration: number;
  suffix: 'INDEX' | 'TIMESTAMP';
  /** imageOutputs[0] of the request, if any (image-capture.ts). */
  images?: ImageTarget;
}

export interface ImageTarget {
  bucket: string;
  auth: UploadAuth;
  filenamePrefix: string;
  captureInterval: number; // seconds
  width: number; // 0 = the source's
  height: number;
  suffix: 'INDEX' | 'TIMESTAMP';
}

export interface SegmentRecord {
  index: number;
  name: string; // full object name in the bucket
  duration: number; // seconds, as ffmpeg measured it
  size: number;
  startedAtMs: number; // PROGRAM-DATE-TIME of the segment
}

export interface EgressRecord {
  egressId: string;
  roomId: string;
  roomName: string;
  status: EgressStatus;
  createdAtMs: number;
  startedAtMs: number; // 0 until ACTIVE
  updatedAtMs: number;
  endedAtMs: number;
  error: string;
  errorCode: number;
  details: string;
  request: Record<string, unknown>; // echo of the start request, credentials redacted
  target: SegmentTarget;
  segments: SegmentRecord[];
  frozenSinceMs: number; // >0 while a frozen stop hangs
  endReason: string; // details to set once an ENDING egress completes (survives a restart)
}

interface StateFile {
  version: 1;
  rooms: RoomRecord[];
  egresses: EgressRecord[];
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** LiveKit-style id: prefix + 12 base62 chars (RM_, PA_, EG_, EV_). */
export function newId(prefix: string): string {
  const bytes = randomBytes(12);
  let out = prefix;
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return out;
}

export class StateStore {
  rooms = new Map<string, RoomRecord>();
  egresses = new Map<string, EgressRecord>();

  constructor(private readonly file: string) {}

  load(): void {
    this.rooms.clear();
    this.egresses.clear();
    let raw: string;
    try {
      raw = fs.readFileSync(this.file, 'utf8');
    } catch {
      return; // first start
    }
    try {
      const state = JSON.parse(raw) as StateFile;
      for (const r of state.rooms ?? []) this.rooms.set(r.name, r);
      for (const e of state.egresses ?? []) this.egresses.set(e.egressId, e);
    } catch {
      // A corrupt dev state file is not worth crashing over: start empty.
    }
  }

  /** Synchronous atomic write: the state is small and a restart must never see a half-written file. */
  save(): void {
    const state: StateFile = { version: 1, rooms: [...this.rooms.values()], egresses: [...this.egresses.values()] };
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(state, null, 1));
    fs.renameSync(tmp, this.file);
  }

  clear(): void {
    this.rooms.clear();
    this.egresses.clear();
    this.save();
  }

  egressesOfRoom(roomName: string): EgressRecord[] {
    return [...this.egresses.values()].filter((e) => e.roomName === roomName);
  }
}
