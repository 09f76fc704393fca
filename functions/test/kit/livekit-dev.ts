// The LiveKit stand-in, started in the test process on the port the functions emulator's
// LIVEKIT_URL points at (functions/.env.local), with webhooks going to our real endpoint.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EgressClient, RoomServiceClient, S3Upload, SegmentedFileOutput } from 'livekit-server-sdk';
import { DEFAULT_FPS } from '../../../tools/livekit-dev/src/config';
import { startLiveKitDev, type LiveKitDev } from '../../../tools/livekit-dev/src/server';
import type { Uploader } from '../../../tools/livekit-dev/src/storage-upload';
import { FUNCTIONS_URL, INGEST_BUCKET } from './emulators';
import { LIVEKIT_KEY, LIVEKIT_SECRET } from './livekit-webhooks';

export const LIVEKIT_URL = 'http://127.0.0.1:7880';

/**
 * What the tests' egress records: 320×180 at 25 fps, a sixteenth of LiveKit's default preset's
 * pixels per second, since the stand-in's encode and ingest cost CPU on 2 cores and no test here
 * depends on the picture size (the forensic mark is read at 64×36 whatever it is; the ladder's specs
 * upload segments of their own). LIVEKIT_DEV_VIDEO_SIZE and LIVEKIT_DEV_FPS, the stand-in's own
 * variables, run the same specs at another size (e.g. the default preset's, 1280x720 at 30).
 */
function testPicture(env: NodeJS.ProcessEnv = process.env): { videoSize: string; fps: number } {
  return {
    videoSize: env.LIVEKIT_DEV_VIDEO_SIZE || '320x180',
    fps: Number(env.LIVEKIT_DEV_FPS) || (env.LIVEKIT_DEV_VIDEO_SIZE ? DEFAULT_FPS : 25),
  };
}

export async function startStandIn(
  options: { speed?: number; freezeMs?: number; uploader?: Uploader; storageHost?: string; spoolDir?: string } = {},
): Promise<LiveKitDev> {
  return startLiveKitDev({
    port: 7880,
    apiKey: LIVEKIT_KEY,
    apiSecret: LIVEKIT_SECRET,
    webhookUrl: `${FUNCTIONS_URL}/livekitWebhook`,
    storageHost: options.storageHost ?? process.env.FIREBASE_STORAGE_EMULATOR_HOST,
    stateFile: path.join(mkdtempSync(path.join(tmpdir(), 'livekit-dev-')), 'state.json'),
    speed: options.speed ?? 5,
    ...testPicture(),
    freezeMs: options.freezeMs,
    uploader: options.uploader,
    spoolDir: options.spoolDir,
    quiet: true,
  });
}

export const egressClient = () => new EgressClient(LIVEKIT_URL, LIVEKIT_KEY, LIVEKIT_SECRET);
export const roomClient = () => new RoomServiceClient(LIVEKIT_URL, LIVEKIT_KEY, LIVEKIT_SECRET);

/** The egress request our functions send: 7 s segments under ingest/{recordingId}/ in the ingest bucket, by S3 (HMAC key). */
export function ingestOutput(recordingId: string, stem = 'seg'): { segments: SegmentedFileOutput } {
  return {
    segments: new SegmentedFileOutput({
      filenamePrefix: `ingest/${recordingId}/${stem}`,
      playlistName: 'playlist.m3u8',
      livePlaylistName: 'live.m3u8',
      segmentDuration: 7,
      output: {
        case: 's3',
        value: new S3Upload({
          bucket: INGEST_BUCKET,
          accessKey: 'GOOG1EDEMOSTANDINACCESSID',
          secret: 'demo-hmac-secret-the-stand-in-ignores',
          endpoint: 'https://storage.googleapis.com',
          region: 'auto',
          forcePathStyle: true,
        }),
      },
    }),
  };
}
