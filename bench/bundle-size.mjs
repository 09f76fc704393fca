// Bundle budget: builds the web app for production (throwaway Firebase config, temp directory)
// and reports gzip sizes from Vite's manifest. The first route (what a signed-out visitor
// downloads before the sign-in form works: the entry and its static imports) is measured against
// the 60 KB gzip budget; every lazy chunk (pages, sections, the player with hls.js) is reported
// with what it adds on top of the first route. Then the widgets' own build (/embed/lecturevault.js,
// hosting/vite.embed.config.ts): the recording widget (the entry and its static imports, what a
// platform page loads for the banner, indicator and controls) against its 25 KB gzip budget, the
// lazy chunk it loads to follow the pushed state (its own Firebase session), and what the player
// widget adds when one appears, with hls.js (loaded when a video opens) apart.
// Reports, never fails (see README).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 60 * 1024;
const WIDGET_BUDGET_BYTES = 25 * 1024;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = mkdtempSync(path.join(tmpdir(), 'lv-bundle-'));

/** Builds into `dir` (extra vite arguments in `args`) and returns its manifest. */
function build(dir, args = []) {
  const result = spawnSync(
    'npx',
    ['vite', 'build', ...args, '--manifest', '--outDir', dir, '--emptyOutDir', '--logLevel', 'error'],
    {
      cwd: path.join(root, 'hosting'),
      stdio: 'inherit',
      env: {
        ...process.env,
        VITE_FIREBASE_API_KEY: 'bench-api-key',
        VITE_FIREBASE_AUTH_DOMAIN: 'bench.firebaseapp.com',
        VITE_FIREBASE_PROJECT_ID: 'bench-project',
      },
    },
  );
  if (result.status !== 0) process.exit(1);
  return JSON.parse(readFileSync(path.join(dir, '.vite/manifest.json'), 'utf8'));
}

/** Gzip sizes and import closures over one build's manifest. */
function measure(dir, manifest) {
  const gz = new Map();
  const gzipOf = (key) => {
    if (!gz.has(key)) gz.set(key, gzipSync(readFileSync(path.join(dir, manifest[key].file)), { level: 9 }).length);
    return gz.get(key);
  };
  /** A chunk and everything it imports statically (what must load before it runs). */
  const closure = (key, seen = new Set()) => {
    if (seen.has(key)) return seen;
    seen.add(key);
    for (const dep of manifest[key].imports ?? []) closure(dep, seen);
    return seen;
  };
  const sum = (keys) =>
    [...keys].filter((k) => manifest[k].file.endsWith('.js')).reduce((total, k) => total + gzipOf(k), 0);
  return { closure, sum };
}

const manifest = build(outDir);
const { closure, sum } = measure(outDir, manifest);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
const firstRoute = closure(entry);
const firstBytes = sum(firstRoute);
console.log(
  `\nfirst route (${[...firstRoute].filter((k) => manifest[k].file.endsWith('.js')).length} JS files): ${kb(firstBytes)} gzip`,
);
console.log(
  `  budget ${kb(BUDGET_BYTES)}: ratio ${(firstBytes / BUDGET_BYTES).toFixed(2)} → ${firstBytes <= BUDGET_BYTES ? 'PASS' : 'OVER BUDGET'}`,
);

console.log('\nlazy chunks: gzip added on top of the first route when first opened');
const lazy = Object.keys(manifest).filter((k) => manifest[k].isDynamicEntry);
const rows = lazy.map((key) => {
  const own = [...closure(key)].filter((k) => !firstRoute.has(k));
  // A lazy chunk's own dynamic imports (hls.js inside the player) load with it.
  const nested = (manifest[key].dynamicImports ?? []).flatMap((d) => [...closure(d)]).filter((k) => !firstRoute.has(k));
  return { name: manifest[key].src ?? key, bytes: sum(new Set([...own, ...nested])) };
});
for (const row of rows.sort((a, b) => b.bytes - a.bytes))
  console.log(
    `  ${row.name.padEnd(40)} ${kb(row.bytes).padStart(9)}  (${(row.bytes / firstBytes).toFixed(2)}× the first route)`,
  );

const embedDir = path.join(outDir, 'embed');
const embed = build(embedDir, ['-c', 'vite.embed.config.ts']);
const widgets = measure(embedDir, embed);
const embedEntry = Object.keys(embed).find((k) => embed[k].isEntry);
const recordingWidget = widgets.closure(embedEntry);
const recordingBytes = widgets.sum(recordingWidget);
const playerKey = Object.keys(embed).find((k) => embed[k].isDynamicEntry && /PlayerWidget/.test(k));
const hlsKey = Object.keys(embed).find((k) => embed[k].isDynamicEntry && /hls/.test(k));
const feedKey = Object.keys(embed).find((k) => embed[k].isDynamicEntry && /widget-feed/.test(k));
const playerBytes = widgets.sum([...widgets.closure(playerKey)].filter((k) => !recordingWidget.has(k)));
const feedBytes = widgets.sum([...widgets.closure(feedKey)].filter((k) => !recordingWidget.has(k)));
const hlsBytes = widgets.sum([hlsKey]);
console.log('\nwidgets (/embed/lecturevault.js, its own build)');
console.log(
  `  ${'recording widget (entry + static imports)'.padEnd(42)} ${kb(recordingBytes).padStart(9)}  budget ${kb(WIDGET_BUDGET_BYTES)}: ratio ${(recordingBytes / WIDGET_BUDGET_BYTES).toFixed(2)} → ${recordingBytes <= WIDGET_BUDGET_BYTES ? 'PASS' : 'OVER BUDGET'}`,
);
for (const [label, bytes] of [
  ['its feed (Firebase Auth + Firestore), lazy', feedBytes],
  ['player widget, added when one appears', playerBytes],
  ['hls.js (full: captions), when a video opens', hlsBytes],
  ['a page with the player, in all', recordingBytes + playerBytes + hlsBytes],
])
  console.log(`  ${label.padEnd(42)} ${kb(bytes).padStart(9)}`);
rmSync(outDir, { recursive: true, force: true });
