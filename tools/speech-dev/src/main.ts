// CLI entry of the Speech-to-Text stand-in (dev/test only): reads the environment and serves until a signal.
import { startSpeechDev } from './server.js';

const port = Number(process.env.SPEECH_DEV_PORT || 7890);
const storageHost = (process.env.STORAGE_EMULATOR_HOST || '127.0.0.1:9199').replace(/^https?:\/\//, '');
const dev = await startSpeechDev({ port, storageHost, ffmpegPath: process.env.FFMPEG_PATH || 'ffmpeg' });
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void dev.close().then(() => process.exit(0)));
