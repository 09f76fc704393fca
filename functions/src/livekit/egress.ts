// LiveKit calls the recording lifecycle needs, translated into domain facts (plain numbers,
// no BigInt) and domain errors. Only this folder knows livekit-server-sdk's types.
import { EgressInfo, GCPUpload, SegmentedFileOutput, ServerError } from 'livekit-server-sdk';
import { Unavailable } from '../errors';
import type { EgressFacts } from '../domain/recording-state';
import { ingestPrefix, recordingIdFromPrefix } from '../domain/ingest-path';
import * as logs from '../logs';
import { egressGcpCredentials } from '../params';
import { egressClient, roomClient } from './clients';

/** Egress facts plus what identifies the recording and the room. */
export interface EgressSnapshot extends EgressFacts {
  roomName: string;
  recordingId?: string;
  bytes?: number;
}

export interface RoomSnapshot {
  exists: boolean;
  participantCount: number;
}

export const SEGMENT_SECONDS = 7;

const engineUnavailable = (cause: unknown): Unavailable => {
  logs.livekitCallFailed(cause);
  return new Unavailable('engine-unavailable', 'Recording engine unavailable. Try again in a minute.');
};

function isTwirp(error: unknown, status?: number): error is ServerError {
  return error instanceof ServerError && (status === undefined || error.status === status);
}

export async function describeRoom(roomName: string): Promise<RoomSnapshot> {
  try {
    const [room] = await roomClient().listRooms([roomName]);
    return room ? { exists: true, participantCount: room.numParticipants } : { exists: false, participantCount: 0 };
  } catch (error) {
    throw engineUnavailable(error);
  }
}

export async function startSegmentEgress(roomName: string, recordingId: string, bucket: string): Promise<EgressSnapshot> {
  const credentials = egressGcpCredentials.value();
  const output = new SegmentedFileOutput({
    filenamePrefix: `${ingestPrefix(recordingId)}seg`,
    playlistName: 'playlist.m3u8', // no live playlist: we build our own from confirmed segments
    segmentDuration: SEGMENT_SECONDS,
    output: { case: 'gcp', value: new GCPUpload({ bucket, credentials }) },
  });
  try {
    const info = await egressClient().startRoomCompositeEgress(roomName, { segments: output }, { layout: 'speaker' });
    return snapshotOf(info);
  } catch (error) {
    if (isTwirp(error, 404)) {
      throw new Unavailable('room-not-running', 'Recording engine unavailable: the meeting room is not running.');
    }
    throw engineUnavailable(error);
  }
}

/** Asks LiveKit to stop; returns the egress as LiveKit now sees it, or null if it no longer exists. */
export async function stopEgress(egressId: string): Promise<EgressSnapshot | null> {
  try {
    return snapshotOf(await egressClient().stopEgress(egressId));
  } catch (error) {
    // 412: already ending or ended; 404: gone. Either way, report what LiveKit knows.
    if (isTwirp(error, 412) || isTwirp(error, 404)) return getEgress(egressId);
    throw engineUnavailable(error);
  }
}

export async function getEgress(egressId: string): Promise<EgressSnapshot | null> {
  try {
    const [info] = await egressClient().listEgress({ egressId });
    return info ? snapshotOf(info) : null;
  } catch (error) {
    if (isTwirp(error, 404)) return null;
    throw engineUnavailable(error);
  }
}

export async function listActiveEgresses(): Promise<EgressSnapshot[]> {
  try {
    return (await egressClient().listEgress({ active: true })).map(snapshotOf);
  } catch (error) {
    throw engineUnavailable(error);
  }
}

const nsToMs = (ns: bigint): number | undefined => (ns > 0n ? Number(ns / 1_000_000n) : undefined);

export function snapshotOf(info: EgressInfo): EgressSnapshot {
  const segments = info.segmentResults[0];
  return {
    egressId: info.egressId,
    roomName: info.roomName,
    status: info.status as number,
    startedAtMs: nsToMs(info.startedAt),
    endedAtMs: nsToMs(info.endedAt),
    error: info.error || undefined,
    segmentCount: segments ? Number(segments.segmentCount) : 0,
    durationMs: segments ? nsToMs(segments.duration) : undefined,
    bytes: segments ? Number(segments.size) : 0,
    recordingId: recordingIdOf(info),
  };
}

/** Our recording id travels inside the egress request (ingest/{recordingId}/seg). */
function recordingIdOf(info: EgressInfo): string | undefined {
  if (info.request.case !== 'roomComposite') return undefined;
  const request = info.request.value;
  const prefix =
    request.segmentOutputs[0]?.filenamePrefix ?? (request.output.case === 'segments' ? request.output.value.filenamePrefix : undefined);
  return prefix ? recordingIdFromPrefix(prefix) : undefined;
}
