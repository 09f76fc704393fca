// The params the server code reads (the functions emulator reads them from functions/.env.local and
// .secret.local), put into this process's environment for tests and benchmarks that run server
// code in-process. An explicit call: the emulator suites make it in their mocha set-up
// (functions/test/setup-emulators.ts), a benchmark at the start of its main.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { INGEST_BUCKET } from './emulators';
import { LIVEKIT_URL } from './livekit-dev';
import { LIVEKIT_KEY, LIVEKIT_SECRET } from './livekit-webhooks';

export function useServerParams(): void {
  const secrets = readFileSync(path.resolve(__dirname, '../../.secret.local'), 'utf8');
  Object.assign(process.env, {
    LIVEKIT_URL,
    LIVEKIT_API_KEY: LIVEKIT_KEY,
    LIVEKIT_API_SECRET: LIVEKIT_SECRET,
    EGRESS_HMAC_ACCESS_ID: 'GOOG1EDEMOSTANDINACCESSID',
    EGRESS_HMAC_SECRET: /^EGRESS_HMAC_SECRET=(.*)$/m.exec(secrets)![1],
    INGEST_BUCKET,
    RECORDING_KEK: /^RECORDING_KEK=(.*)$/m.exec(secrets)![1],
  });
}
