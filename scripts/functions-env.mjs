// The functions' parameter values as firebase-tools resolves them, read offline from the files
// (dev, test and deploy tooling only; never deployed). firebase-tools merges functions/.env, then
// .env.<projectId> and .env.<alias>, then (emulator only) .env.local, later files winning; a
// parameter none of them names falls back to its default in functions/src/params.ts, which is
// where every default lives (the region's included): this module reads them from there.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** KEY=value lines (optional `export`, quotes, trailing # comments), like firebase-tools' parser. */
export function parseDotenv(text) {
  const env = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([\w./]+)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2].trim();
    const quoted = /^(['"])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2].replace(/\\n/g, '\n');
    else value = value.split('#')[0].trim();
    env[match[1]] = value;
  }
  return env;
}

/** The dotenv files firebase-tools reads for this project, in the order it merges them. */
export function envFilesFor(project, { emulator = false, alias } = {}) {
  return [
    '.env',
    `.env.${project}`,
    ...(alias && alias !== project ? [`.env.${alias}`] : []),
    ...(emulator ? ['.env.local'] : []),
  ];
}

/** Merged values plus, per key, the file it came from. Missing files are skipped. */
export function readFunctionsEnv(project, { emulator = false, alias, root = repoRoot } = {}) {
  const values = {};
  const sources = {};
  for (const file of envFilesFor(project, { emulator, alias })) {
    const full = path.join(root, 'functions', file);
    if (!existsSync(full)) continue;
    for (const [key, value] of Object.entries(parseDotenv(readFileSync(full, 'utf8')))) {
      values[key] = value;
      sources[key] = `functions/${file}`;
    }
  }
  return { values, sources };
}

/** Every defineString/defineSecret in functions/src/params.ts: name, kind, default (if any). */
export function declaredParams(root = repoRoot) {
  const text = readFileSync(path.join(root, 'functions/src/params.ts'), 'utf8');
  const params = [];
  const call = /define(String|Secret|Int|Boolean|List)\(\s*'([A-Z0-9_]+)'\s*(?:,\s*\{([\s\S]*?)\}\s*)?\)/g;
  for (const match of text.matchAll(call)) {
    const options = (match[3] ?? '').replace(/^\s*\/\/.*$/gm, '');
    const fallback = /(?:^|[\s,{])default:\s*'([^']*)'/.exec(options);
    params.push({
      name: match[2],
      kind: match[1] === 'Secret' ? 'secret' : match[1].toLowerCase(),
      default: fallback ? fallback[1] : undefined,
    });
  }
  return params;
}

/** The value a parameter resolves to for a project: the env files first, then its default. */
export function paramValue(name, project, options = {}) {
  const { values } = readFunctionsEnv(project, options);
  if (Object.hasOwn(values, name)) return values[name];
  return declaredParams(options.root).find((p) => p.name === name)?.default;
}

/** The region every function is deployed to (FUNCTIONS_REGION), as the emulator or a deploy sees it. */
export function functionsRegion(project, options = {}) {
  const region = paramValue('FUNCTIONS_REGION', project, options);
  if (!region) throw new Error('FUNCTIONS_REGION has no value: it is declared in functions/src/params.ts');
  return region;
}
