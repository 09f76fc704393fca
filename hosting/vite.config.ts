// Vite build for the LectureVault web app.
// `vite build` → production (real Firebase config from VITE_FIREBASE_* env vars);
// `vite build --mode emulator` → demo project against the local emulators (.env.emulator).
// Chunk layout: the entry holds the shell (sign-in + home); vendors get their own long-lived chunks;
// meeting and watch pages are dynamic imports, and hls.js (the player's only user) and Firestore
// (the meeting page's listener) get chunks of their own so they never land on the first route.
import { defineConfig, loadEnv } from 'vite';
import preact from '@preact/preset-vite';
import { functionsRegion } from '../scripts/functions-env.mjs';

const VENDOR_CHUNKS: ReadonlyArray<readonly [RegExp, string]> = [
  [/node_modules\/hls\.js\//, 'hls'],
  // Firestore (the recording state's listener) only on the pages that follow a meeting: kept out of
  // the shared firebase chunk, which the first route loads for Auth.
  [/node_modules\/(@firebase\/firestore|@firebase\/webchannel-wrapper|firebase\/firestore)\//, 'firestore'],
  [/node_modules\/(firebase|@firebase|idb|tslib)\//, 'firebase'],
  [/node_modules\/(preact|@preact\/signals|@preact\/signals-core)\//, 'preact'],
];

function manualChunks(id: string): string | undefined {
  const normalised = id.replace(/\\/g, '/');
  for (const [pattern, chunk] of VENDOR_CHUNKS) if (pattern.test(normalised)) return chunk;
  return undefined;
}

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), 'VITE_');
  const projectId = env.VITE_FIREBASE_PROJECT_ID ?? 'demo-lecturevault';
  const region = functionsRegion(projectId, { emulator: true });
  return {
    plugins: [preact()],
    // The contract (@lecturevault/contract, packages/contract) imports zod/mini from its own
    // dependency: resolve zod from the web app's, so the bundle never holds two copies.
    resolve: { dedupe: ['zod'] },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      rollupOptions: { output: { manualChunks } },
    },
    server: {
      // `vite --mode emulator`: same-origin /api/** like Firebase Hosting's rewrite, pointed at
      // the functions emulator (the function sees the original /api/... path, as behind Hosting).
      proxy: {
        '/api': {
          target: 'http://127.0.0.1:5001',
          rewrite: (path: string) => `/${projectId}/${region}/api${path}`,
        },
      },
    },
  };
});
