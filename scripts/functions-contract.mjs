// Makes functions/lib self-contained (deploy tooling; plain Node; the second half of
// `npm run build -w functions`). Firebase uploads functions/ alone and Cloud Build installs only
// functions/package-lock.json, so the workspace package @lecturevault/contract (packages/contract)
// is not there at run time. This compiles the contract into lib/contract and points every
// require of it in lib at that copy: the emulator and the deployed function run the same lib,
// and it needs nothing outside functions/ but the functions' own dependencies (zod among them).
//   node scripts/functions-contract.mjs [--lib <dir>]   (default functions/lib)
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CONTRACT = '@lecturevault/contract';
const REQUIRE = /require\("@lecturevault\/contract"\)/g;

/** Every .js file under `dir`. */
function jsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
}

/** Compiles the contract into `<lib>/contract` and rewrites lib's requires of it; returns the files rewritten. */
export function bundleContract(lib) {
  const out = path.join(lib, 'contract');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(
    process.execPath,
    [
      tsc,
      '-p',
      path.join(root, 'packages/contract/tsconfig.json'),
      '--noEmit',
      'false',
      '--outDir',
      out,
      '--sourceMap',
    ],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error('compiling packages/contract failed');
  const rewritten = [];
  for (const file of jsFiles(lib)) {
    if (file.startsWith(out + path.sep)) continue;
    const code = readFileSync(file, 'utf8');
    if (!code.includes('require("@lecturevault/contract")')) continue;
    let target = path.relative(path.dirname(file), out).split(path.sep).join('/');
    if (!target.startsWith('.')) target = `./${target}`;
    writeFileSync(file, code.replace(REQUIRE, `require("${target}")`));
    rewritten.push(file);
  }
  return rewritten;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--lib');
  const lib = path.resolve(at > 0 ? process.argv[at + 1] : path.join(root, 'functions/lib'));
  const rewritten = bundleContract(lib);
  console.log(`${CONTRACT} compiled into ${path.relative(root, lib)}/contract (${rewritten.length} files point at it)`);
}
