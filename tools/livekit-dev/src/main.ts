// CLI entry of the LiveKit stand-in (dev/test only): reads the environment and serves until a signal.
import { optionsFromEnv } from './config.js';
import { startLiveKitDev } from './server.js';

const options = optionsFromEnv();
const dev = await startLiveKitDev(options);
let closing = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (closing) return;
    closing = true;
    // Kill every ffmpeg group before exiting; the state file keeps unfinished egresses for next time.
    void dev.close().then(() => process.exit(0));
  });
}
