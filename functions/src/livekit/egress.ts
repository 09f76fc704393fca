// The LiveKit calls the recording lifecycle needs (room lookup, start, stop, list egress), their
// answers as domain facts and their failures as domain errors. Only livekit/ imports livekit-server-sdk.
import { Unavailable } from '../errors';
import { ingestPrefix } from '../domain/ingest/ingest-path';
import { SEGMENT_SECONDS } from '../domain/playback/playlist';
import { POSTER_CAPTURE_SECONDS, POSTER_HEIGHT, POSTER_PREFIX, POSTER_WIDTH } from '../domain/ingest/poster-image';
import * as logs from '../logs';
import type { EgressUpload } from '../domain/ingest/egress-upload';
import { egressClient, roomClient } from './clients';
import { snapshotOf, type EgressSnapshot } from './egress-snapshot';
import { livekitSdk } from './clients';

export interface RoomSnapshot {
  exists: boolean;
  participantCount: number;
}

const engineUnavailable = (cause: unknown): Unavailable => {
  logs.livekitCallFailed(cause);
  return new Unavailable('engine-unavailable', 'Recording engine unavailable. Try again in a minute.');
};

/** A Twirp error answer of LiveKit's with this HTTP status (the SDK is loaded by then: it threw it). */
async function isTwirp(error: unknown, status: number): Promise<boolean> {
  const { ServerError } = await livekitSdk();
  return error instanceof ServerError && error.status === status;
}

export async function describeRoom(roomName: string): Promise<RoomSnapshot> {
  try {
    const [room] = await (await roomClient()).listRooms([roomName]);
    return room ? { exists: true, participantCount: room.numParticipants } : { exists: false, participantCount: 0 };
  } catch (error) {
    throw engineUnavailable(error);
  }
}

/** Starts the room's egress: segments and poster stills, both uploaded with `upload` (its S3 form). */
export async function startSegmentEgress(
  roomName: string,
  recordingId: string,
  upload: EgressUpload,
): Promise<EgressSnapshot> {
  const { ImageFileSuffix, ImageOutput, S3Upload, SegmentedFileOutput } = await livekitSdk();
  // A fresh message per output: each carries the same ingest-bucket-only credential, nothing else.
  const s3 = () => ({ case: 's3' as const, value: new S3Upload({ ...upload }) });
  const output = new SegmentedFileOutput({
    filenamePrefix: `${ingestPrefix(recordingId)}seg`,
    playlistName: 'playlist.m3u8', // no live playlist: we build our own from confirmed segments
    segmentDuration: SEGMENT_SECONDS,
    output: s3(),
  });
  // The poster frame: Functions have no ffmpeg and the segments are encrypted at ingest, so Egress
  // captures stills beside the segments, into the same ingest bucket (services/ingest/poster-ingest.ts).
  const images = new ImageOutput({
    captureInterval: POSTER_CAPTURE_SECONDS,
    width: POSTER_WIDTH,
    height: POSTER_HEIGHT,
    filenamePrefix: `${ingestPrefix(recordingId)}${POSTER_PREFIX}`,
    filenameSuffix: ImageFileSuffix.IMAGE_SUFFIX_INDEX,
    output: s3(),
  });
  try {
    const info = await (
      await egressClient()
    ).startRoomCompositeEgress(roomName, { segments: output, images }, { layout: 'speaker' });
    return snapshotOf(info);
  } catch (error) {
    if (await isTwirp(error, 404)) {
      throw new Unavailable('room-not-running', 'Recording engine unavailable: the meeting room is not running.');
    }
    throw engineUnavailable(error);
  }
}

/** Asks LiveKit to stop; returns the egress as LiveKit now sees it, or null if it no longer exists. */
export async function stopEgress(egressId: string): Promise<EgressSnapshot | null> {
  try {
    return snapshotOf(await (await egressClient()).stopEgress(egressId));
  } catch (error) {
    // 412: already ending or ended; 404: gone. Either way, report what LiveKit knows.
    if ((await isTwirp(error, 412)) || (await isTwirp(error, 404))) return getEgress(egressId);
    throw engineUnavailable(error);
  }
}

export async function getEgress(egressId: string): Promise<EgressSnapshot | null> {
  try {
    const [info] = await (await egressClient()).listEgress({ egressId });
    return info ? snapshotOf(info) : null;
  } catch (error) {
    if (await isTwirp(error, 404)) return null;
    throw engineUnavailable(error);
  }
}

export async function listActiveEgresses(): Promise<EgressSnapshot[]> {
  try {
    return (await (await egressClient()).listEgress({ active: true })).map(snapshotOf);
  } catch (error) {
    throw engineUnavailable(error);
  }
}
