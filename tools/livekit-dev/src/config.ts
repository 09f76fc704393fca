// The one place that reads the environment: turns env vars into LiveKitDevOptions for main.ts.
import path from 'node:path';

export interface LiveKitDevOptions {
  port: number; // 0 = random (tests)
  apiKey: string;
  apiSecret: string;
  webhookUrl?: string;
  storageHost: string; // host:port of the Storage emulator (GCS JSON API)
  stateFile: string;
  speed: number; // segment production speed factor, 1 = real time
  videoSize: string; // WxH of the test pattern the egress records (LiveKit's default preset unless told; tests use less)
  fps: number; // its frame rate
  freezeMs: number; // how long a frozen stop hangs before FAILED "pipeline frozen"
  ffmpegPath: string;
  quiet: boolean; // no per-request log lines (tests)
}

export const DEFAULT_SECRET = 'devsecret-devsecret-devsecret-0123456789';
/**
 * LiveKit Egress's default encoding preset (H264_720P_30, used when a request names none, as ours
 * never does): 1280×720 at 30 fps, 3,000 kbit/s H.264 Main, AAC at 128 kbit/s.
 */
export const DEFAULT_VIDEO_SIZE = '1280x720';
export const DEFAULT_FPS = 30;

/** A frame rate of 1 to 60 fps. */
export function frameRate(raw: number): number {
  if (!Number.isInteger(raw) || raw < 1 || raw > 60)
    throw new Error(`LIVEKIT_DEV_FPS must be a whole number of 1 to 60 frames per second, got "${raw}"`);
  return raw;
}

/** "WxH" with even sides (H.264 4:2:0 needs them), 16 to 1920 px. */
export function videoSize(raw: string): string {
  const m = /^(\d+)x(\d+)$/.exec(raw);
  const ok = m && [m[1], m[2]].every((side) => Number(side) % 2 === 0 && Number(side) >= 16 && Number(side) <= 1920);
  if (!ok) throw new Error(`LIVEKIT_DEV_VIDEO_SIZE must be WxH with even sides of 16 to 1920 px, got "${raw}"`);
  return raw;
}

export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): LiveKitDevOptions {
  const num = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
    return n;
  };
  const apiSecret = env.LIVEKIT_API_SECRET || DEFAULT_SECRET;
  // LiveKit refuses secrets shorter than 32 chars; catching it here saves a confusing 401 later.
  if (apiSecret.length < 32) throw new Error('LIVEKIT_API_SECRET must be at least 32 characters');
  return {
    port: num('LIVEKIT_DEV_PORT', 7880),
    apiKey: env.LIVEKIT_API_KEY || 'devkey',
    apiSecret,
    webhookUrl: env.LIVEKIT_WEBHOOK_URL || undefined,
    storageHost: env.STORAGE_EMULATOR_HOST?.replace(/^https?:\/\//, '') || '127.0.0.1:9199',
    stateFile: path.resolve(env.LIVEKIT_DEV_STATE_FILE || '.dev/livekit-state.json'),
    speed: num('LIVEKIT_DEV_SPEED', 1) || 1,
    videoSize: videoSize(env.LIVEKIT_DEV_VIDEO_SIZE || DEFAULT_VIDEO_SIZE),
    fps: frameRate(num('LIVEKIT_DEV_FPS', DEFAULT_FPS)),
    freezeMs: num('LIVEKIT_DEV_FREEZE_MS', 30000),
    ffmpegPath: env.FFMPEG_PATH || 'ffmpeg',
    quiet: false,
  };
}
