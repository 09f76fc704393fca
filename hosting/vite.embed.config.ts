// Vite build of /embed/lecturevault.js, the widgets a platform page embeds (src/embed/), beside the
// app's build (vite.config.ts) in dist/embed/. A build of its own, in library mode, because the
// app's build would break it on another origin: its dynamic imports go through Vite's preload
// helper, which resolves chunk URLs against the page (the host's origin) and links CSS into the
// host's <head>. In library mode chunks are imported relative to the module (our origin, CORS
// headers on /embed/**), and CSS reaches the widgets only as text for their shadow roots (?inline).
import { defineConfig, transformWithEsbuild, type Plugin } from 'vite';
import preact from '@preact/preset-vite';

/**
 * Library mode keeps the whitespace of ES output (it is meant for another bundler); this one goes
 * to browsers as it is, so it is minified in full.
 */
const minifyChunks: Plugin = {
  name: 'lv-minify-embed',
  apply: 'build',
  // After every renderChunk: Vite's own library-mode pass there prints the code out again, spaced.
  generateBundle: {
    order: 'post', // after Vite's CSS plugin has emitted its file
    async handler(_options, bundle) {
      for (const [name, chunk] of Object.entries(bundle)) {
        // The shared components' own `import './x.css'`, extracted into a file nothing links: the
        // shadow roots get their CSS as text (?inline).
        if (chunk.type === 'asset' && name.endsWith('.css')) delete bundle[name];
        if (chunk.type !== 'chunk') continue;
        chunk.code = (
          await transformWithEsbuild(chunk.code, name, { minify: true, format: 'esm', target: 'es2022' })
        ).code;
      }
    },
  },
};

const WIRE_SCHEMAS = /\/packages\/contract\/src\/(schemas|endpoints)\.ts$/;

/**
 * The contract's wire schemas and endpoints (packages/contract/src/schemas.ts, endpoints.ts) are
 * top-level `z.…(…)` and `endpoint(…)` calls, which Rollup must keep, not knowing they are pure:
 * every schema of the API would ship with the recording widget, which parses three. In those two
 * modules, each top-level initialiser becomes a pure-annotated arrow call, so the ones nothing
 * reads are dropped. The app's build is untouched.
 */
const pureWireSchemas: Plugin = {
  name: 'lv-pure-wire-schemas',
  enforce: 'post', // after Vite's TypeScript transform: plain JavaScript to parse
  transform(code, id) {
    if (!WIRE_SCHEMAS.test(id)) return null;
    const program = this.parse(code) as unknown as { body: TopLevel[] };
    const inits = program.body
      .map((node) => (node.type === 'ExportNamedDeclaration' ? node.declaration : node))
      .flatMap((node) => (node?.type === 'VariableDeclaration' ? (node.declarations ?? []) : []))
      .map((declaration) => declaration.init)
      .filter((init): init is Span & { type: string } => init?.type === 'CallExpression');
    let out = code;
    for (const { start, end } of inits.sort((a, b) => b.start - a.start))
      out = `${out.slice(0, start)}/* @__PURE__ */ (() => (${out.slice(start, end)}))()${out.slice(end)}`;
    return { code: out, map: null };
  },
};

interface Span {
  start: number;
  end: number;
}
interface TopLevel {
  type: string;
  declaration?: TopLevel | null;
  declarations?: { init?: (Span & { type: string }) | null }[];
}

export default defineConfig({
  plugins: [preact(), pureWireSchemas, minifyChunks],
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
      output: {
        // Hashed, so Hosting may cache them for good; the entry's name is the stable URL hosts use.
        chunkFileNames: 'chunks/[name]-[hash].js',
        assetFileNames: 'chunks/[name]-[hash][extname]',
      },
    },
  },
});
