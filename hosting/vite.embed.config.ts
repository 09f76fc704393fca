// Vite build of /embed/lecturevault.js, the widgets a platform page embeds (src/embed/), beside the
// app's build (vite.config.ts) in dist/embed/. A build of its own, in library mode, because the
// app's build would break it on another origin: its dynamic imports go through Vite's preload
// helper, which resolves chunk URLs against the page (the host's origin) and links CSS into the
// host's <head>. In library mode chunks are imported relative to the module (our origin, CORS
// headers on /embed/**), and CSS reaches the widgets only as text for their shadow roots (?inline).
import { transform } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';

/**
 * Library mode keeps the whitespace of ES output (it is meant for another bundler); this one goes
 * to browsers as it is, so it is minified in full.
 */
const minifyChunks: Plugin = {
  name: 'lv-minify-embed',
  apply: 'build',
  async renderChunk(code) {
    const result = await transform(code, { minify: true, format: 'esm', target: 'es2022' });
    return { code: result.code, map: null };
  },
};

export default defineConfig({
  plugins: [preact(), minifyChunks],
  resolve: { dedupe: ['zod'] },
  // Library mode leaves process.env alone; Preact and zod must see a production build.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist/embed',
    emptyOutDir: true,
    target: 'es2022',
    copyPublicDir: false,
    lib: { entry: 'src/embed/lecturevault.ts', formats: ['es'], fileName: () => 'lecturevault.js' },
    rollupOptions: {
      // The wire schemas (functions/src/api/wire-schemas.ts) are `z.…(…)` calls at the top level,
      // which Rollup keeps unless told they are pure: the recording widget parses two of them.
      // zod's jitless switch (src/api/wire.ts) is imported by name, so it is not one of these.
      treeshake: { manualPureFunctions: ['z'] },
      output: {
        // Hashed, so Hosting may cache them for good; the entry's name is the stable URL hosts use.
        chunkFileNames: 'chunks/[name]-[hash].js',
        assetFileNames: 'chunks/[name]-[hash][extname]',
      },
    },
  },
});
