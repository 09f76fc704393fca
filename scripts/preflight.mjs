// `npm run preflight -- --project <id|alias>`: what the files can show before a deploy, offline
// (plain Node, no network, nothing deployed). Exits 1 with a readable list of findings:
//   - Hosting rewrites name exported HTTP functions, in the region every function runs in;
//   - every defineString/defineSecret has a value source a deploy of that project will read;
//   - no demo value (the emulator's .env.local / .secret.local, devkey, 127.0.0.1, demo-…) in a
//     file a real deploy reads; functions/package-lock.json is fresh.
// A demo-* project is never deployed: it is checked as the emulator sees it (with .env.local).
//   - every composite index a query needs and every TTL policy is in firestore.indexes.json;
//   - firebase.json's Hosting headers (CSP, frame-ancestors, HSTS) are this project's (npm run headers);
//   - WIDGET_ORIGINS lists origins only (the pages that embed the widgets, docs/embedding.md);
//   - egress uploads into its own bucket with an HMAC access id (not a secret) in the env file;
//   - notes for what bootstrap does and no file shows (the mail extension, Auth's providers).
// New checks go into CHECKS: a function of the context that returns findings and may add notes. docs/production.md is the checklist this script serves.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { declaredParams, envFilesFor, parseDotenv, readFunctionsEnv, repoRoot } from './functions-env.mjs';
import { isFresh } from './functions-lock.mjs';
import { emulatorAddressFindings, headerFindings } from './hosting-headers.mjs';
// The code's own catalogue of the composite indexes and TTL policies it needs (run under tsx).
import { indexFileFindings } from '../functions/src/store/index-catalogue.ts';
import { parseOrigins } from '../functions/src/domain/http/cors-policy.ts';

const DEMO_PATTERNS = [/devkey/i, /devsecret/i, /127\.0\.0\.1/, /\blocalhost\b/i, /\bdemo-/i];
// firebase-tools refuses a storage trigger whose function region is neither the bucket's region
// nor inside its multi-region (deploy/functions/services/storage.js, gcp/location.js).
const MULTI_REGION = { us: /^us-/, eu: /^europe-/, asia: /^asia-/ };

// ---------------------------------------------------------------- context

export function loadContext({ project, root = repoRoot }) {
  const rc = readJson(path.join(root, '.firebaserc'), { projects: {} });
  const aliases = rc.projects ?? {};
  const projectId = aliases[project] ?? project ?? aliases.default;
  if (!projectId) throw new Error('no project: pass --project <id|alias> (or set a default in .firebaserc)');
  // firebase-tools also reads .env.<alias> for the alias the deploy is run with.
  const alias =
    project && aliases[project]
      ? project
      : Object.keys(aliases).find((name) => aliases[name] === projectId && name !== 'default');
  const demo = projectId.startsWith('demo-');
  const envOptions = { emulator: demo, alias, root };
  const firebaseJson = readJson(path.join(root, 'firebase.json'));
  const indexTs = readText(path.join(root, 'functions/src/index.ts'));
  return {
    root,
    projectId,
    alias,
    demo,
    envOptions,
    envFiles: envFilesFor(projectId, envOptions)
      .map((f) => `functions/${f}`)
      .filter((f) => existsSync(path.join(root, f))),
    env: readFunctionsEnv(projectId, envOptions),
    params: declaredParams(root),
    firebaseJson,
    functions: exportedFunctions(indexTs),
    indexTs,
    notes: [],
  };
}

function readText(file) {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}
function readJson(file, fallback) {
  if (!existsSync(file)) {
    if (fallback !== undefined) return fallback;
    throw new Error(`${file} is missing`);
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** `export const name = onSomething(` in the manifest: name → trigger kind. */
function exportedFunctions(indexTs) {
  const found = new Map();
  for (const match of indexTs.matchAll(/^export const (\w+)\s*=\s*(on\w+)\(/gm)) found.set(match[1], match[2]);
  return found;
}

/** The region every function runs in, as the deploy (or emulator) resolves FUNCTIONS_REGION. */
function regionOf(ctx) {
  if (Object.hasOwn(ctx.env.values, 'FUNCTIONS_REGION')) return ctx.env.values.FUNCTIONS_REGION;
  return ctx.params.find((p) => p.name === 'FUNCTIONS_REGION')?.default;
}

// ---------------------------------------------------------------- checks

function hostingRewrites(ctx) {
  const findings = [];
  const region = regionOf(ctx);
  const sites = [ctx.firebaseJson.hosting ?? []].flat();
  for (const site of sites) {
    for (const rewrite of site.rewrites ?? []) {
      if (!rewrite.function) continue;
      const where = `firebase.json rewrite ${rewrite.source ?? rewrite.regex ?? '?'}`;
      const target =
        typeof rewrite.function === 'string'
          ? { functionId: rewrite.function, region: rewrite.region }
          : rewrite.function;
      const kind = ctx.functions.get(target.functionId);
      if (!kind) {
        findings.push(
          `${where} → function "${target.functionId}": functions/src/index.ts exports no such function (it exports ${[...ctx.functions.keys()].join(', ')})`,
        );
      } else if (kind !== 'onRequest') {
        findings.push(`${where} → "${target.functionId}" is ${kind}, not an HTTP (onRequest) function`);
      }
      // Hosting's default for a rewrite without a region is us-central1.
      const rewriteRegion = target.region ?? 'us-central1';
      if (region && rewriteRegion !== region) {
        findings.push(
          `${where} → "${target.functionId}" names region ${rewriteRegion}, but the functions run in ${region} (FUNCTIONS_REGION): the rewrite would reach nothing`,
        );
      }
    }
  }
  return findings;
}

function oneRegion(ctx) {
  const findings = [];
  if (!/setGlobalOptions\(\{[^}]*\bregion:\s*functionsRegion\b/.test(ctx.indexTs)) {
    findings.push(
      'functions/src/index.ts does not set the region through setGlobalOptions({ region: functionsRegion })',
    );
  }
  const own = [...ctx.indexTs.matchAll(/^export const (\w+)\s*=\s*on\w+\(\s*\{[^;]*?\bregion:/gms)].map((m) => m[1]);
  for (const name of own)
    findings.push(`functions/src/index.ts: ${name} names its own region; every function takes FUNCTIONS_REGION`);
  const region = regionOf(ctx);
  if (!region) findings.push('FUNCTIONS_REGION has no value');
  if (region && [...ctx.functions.values()].includes('onObjectFinalized')) {
    const multi = Object.entries(MULTI_REGION)
      .find(([, re]) => re.test(region))?.[0]
      ?.toUpperCase();
    ctx.notes.push(
      `The storage trigger runs in ${region} and listens to the ingest bucket (INGEST_BUCKET${ctx.env.values.INGEST_BUCKET ? ` = ${ctx.env.values.INGEST_BUCKET}` : ''}): ` +
        `it must be in ${region}${multi ? ` or the ${multi} multi-region` : ''} and exist before the deploy ` +
        `(firebase deploy refuses a function that cannot listen to its bucket). Check: gcloud storage buckets describe gs://<ingest bucket> --format='value(location)'`,
    );
  }
  return findings;
}

function paramValues(ctx) {
  const findings = [];
  const { values, sources } = ctx.env;
  const docs = readText(path.join(ctx.root, 'docs/production.md'));
  const secretLocal = parseDotenv(readText(path.join(ctx.root, 'functions/.secret.local')));
  const declared = new Set(ctx.params.map((p) => p.name));
  const read = ctx.envFiles.join(', ') || 'no env file';
  for (const param of ctx.params) {
    if (param.kind === 'secret') {
      if (Object.hasOwn(values, param.name))
        findings.push(
          `${param.name} is a secret but ${sources[param.name]} gives it a value: secrets come from Secret Manager only`,
        );
      if (ctx.demo) {
        if (!Object.hasOwn(secretLocal, param.name))
          findings.push(`secret ${param.name} has no value in functions/.secret.local (the emulator's only source)`);
      } else {
        if (!docs.includes(param.name))
          findings.push(
            `secret ${param.name} is not named in docs/production.md (how to set it: firebase functions:secrets:set ${param.name})`,
          );
        ctx.notes.push(
          `Secret ${param.name} must exist in Secret Manager of ${ctx.projectId} (cannot be checked offline).`,
        );
      }
      continue;
    }
    if (Object.hasOwn(values, param.name)) continue;
    // firebase-tools prompts for any parameter no .env file names, default or not, and refuses a
    // non-interactive deploy: a default alone is not a value source for CI.
    const fallback =
      param.default !== undefined ? ` (its default "${param.default}" only pre-fills an interactive prompt)` : '';
    findings.push(
      `${param.name} has no value for ${ctx.projectId}: none of ${read} names it${fallback}; set it in functions/.env.${ctx.projectId}`,
    );
  }
  for (const [key, source] of Object.entries(sources)) {
    if (!declared.has(key))
      ctx.notes.push(
        `${source} sets ${key}, which no defineString/defineSecret declares (a plain environment variable).`,
      );
  }
  return findings;
}

function noDemoValues(ctx) {
  if (ctx.demo) return [];
  const findings = [];
  const emulatorEnv = parseDotenv(readText(path.join(ctx.root, 'functions/.env.local')));
  const emulatorSecrets = Object.values(parseDotenv(readText(path.join(ctx.root, 'functions/.secret.local')))).filter(
    (v) => v.length >= 8,
  );
  const files = [...ctx.envFiles, 'hosting/.env.production'].filter((f) => existsSync(path.join(ctx.root, f)));
  for (const file of files) {
    for (const [key, value] of Object.entries(parseDotenv(readText(path.join(ctx.root, file))))) {
      if (!value) continue;
      const why =
        (emulatorEnv[key] === value && 'the emulator value from functions/.env.local') ||
        (emulatorSecrets.some((secret) => value.includes(secret)) && 'a demo secret from functions/.secret.local') ||
        (DEMO_PATTERNS.find((re) => re.test(value)) && 'a demo or local value');
      if (why)
        findings.push(
          `${file}: ${key}=${value.length > 40 ? `${value.slice(0, 40)}…` : value} is ${why}; a deploy of ${ctx.projectId} would use it`,
        );
    }
  }
  return findings;
}

function webAppConfig(ctx) {
  if (ctx.demo) return [];
  const file = 'hosting/.env.production';
  if (!existsSync(path.join(ctx.root, file)))
    return [
      `${file} is missing: the web app build needs VITE_FIREBASE_API_KEY, VITE_FIREBASE_AUTH_DOMAIN, VITE_FIREBASE_PROJECT_ID`,
    ];
  const env = parseDotenv(readText(path.join(ctx.root, file)));
  if (env.VITE_FIREBASE_PROJECT_ID !== ctx.projectId)
    return [`${file}: VITE_FIREBASE_PROJECT_ID is "${env.VITE_FIREBASE_PROJECT_ID ?? ''}", not ${ctx.projectId}`];
  return [];
}

function functionsLock(ctx) {
  const lock = path.join(ctx.root, 'functions/package-lock.json');
  return isFresh(lock, path.join(ctx.root, 'package-lock.json'))
    ? []
    : [
        'functions/package-lock.json is missing or stale: run npm run lock:functions (a deploy would install other versions than the tests ran)',
      ];
}

/** Every query's composite index and every TTL policy the code relies on is in firestore.indexes.json. */
function queryIndexes(ctx) {
  const file = readJson(path.join(ctx.root, 'firestore.indexes.json'), null);
  return file ? indexFileFindings(file) : ['firestore.indexes.json is missing'];
}

/** The CSP and other headers are derived per project (scripts/hosting-headers.mjs). */
/** WIDGET_ORIGINS: an entry that is not an origin would be ignored at run time, its pages refused. */
function widgetOrigins(ctx) {
  const { invalid } = parseOrigins(ctx.env.values.WIDGET_ORIGINS ?? '');
  return invalid.length
    ? [
        `WIDGET_ORIGINS: not an https origin (scheme://host[:port], no path): ${invalid.join(', ')}; the API would refuse those pages (docs/embedding.md)`,
      ]
    : [];
}

function hostingHeaders(ctx) {
  // Whatever the project, the committed config never names an emulator address; the emulator's
  // headers are generated into .dev/firebase.json (scripts/emulator-config.mjs).
  const local = emulatorAddressFindings(ctx.firebaseJson);
  if (ctx.demo) return local;
  try {
    return [...local, ...headerFindings(ctx.firebaseJson, ctx.projectId, { root: ctx.root })];
  } catch (error) {
    return [...local, error.message];
  }
}

/**
 * Egress's upload (domain/ingest/egress-upload.ts refuses the same at run time): the ingest bucket is
 * not the main one, and the HMAC access id is an id, not the secret or a key JSON pasted by mistake.
 */
function egressUpload(ctx) {
  if (ctx.demo) return [];
  const findings = [];
  const ingest = ctx.env.values.INGEST_BUCKET ?? '';
  const main = [`${ctx.projectId}.firebasestorage.app`, `${ctx.projectId}.appspot.com`];
  if (main.includes(ingest))
    findings.push(
      `INGEST_BUCKET is the main bucket (${ingest}): egress must upload into its own bucket (npm run bootstrap creates ${ctx.projectId}-ingest)`,
    );
  const accessId = ctx.env.values.EGRESS_HMAC_ACCESS_ID ?? '';
  if (accessId && !/^[A-Za-z0-9]{16,128}$/.test(accessId))
    findings.push(
      'EGRESS_HMAC_ACCESS_ID is not an HMAC access id (letters and digits): the secret goes to Secret Manager (EGRESS_HMAC_SECRET), never into an env file',
    );
  return findings;
}

/** What neither bootstrap nor these files can show: said once, as notes. */
function outsideTheFiles(ctx) {
  if (ctx.demo) return [];
  const extensions = ctx.firebaseJson.extensions ?? {};
  if (!Object.values(extensions).some((ref) => String(ref).includes('firestore-send-email')))
    ctx.notes.push(
      'No Trigger Email extension in firebase.json: install it on the mail collection (docs/production.md §13) or no mail is ever sent.',
    );
  ctx.notes.push(
    `Cannot be checked offline: npm run bootstrap -- --project ${ctx.projectId} has run (it skips what exists), Auth's Email/Password provider and authorized domains, LIVEKIT_API_SECRET in Secret Manager, LiveKit's webhook URL.`,
  );
  return [];
}

/** Every check, in report order. Add new ones here. */
export const CHECKS = [
  ['Hosting rewrites', hostingRewrites],
  ['one region', oneRegion],
  ['parameters and secrets', paramValues],
  ['no demo values', noDemoValues],
  ['web app config', webAppConfig],
  ['locked deploy install', functionsLock],
  ['indexes and TTL', queryIndexes],
  ['Hosting headers', hostingHeaders],
  ['widget origins', widgetOrigins],
  ['egress upload', egressUpload],
  ['outside the files', outsideTheFiles],
];

export function preflight(options) {
  const ctx = loadContext(options);
  const findings = [];
  for (const [name, check] of CHECKS) for (const finding of check(ctx)) findings.push({ check: name, finding });
  return { projectId: ctx.projectId, demo: ctx.demo, envFiles: ctx.envFiles, findings, notes: ctx.notes };
}

export function formatReport(result) {
  const view = result.demo ? 'emulator view (demo project)' : 'deploy view';
  const lines = [`preflight for ${result.projectId}, ${view}: ${result.envFiles.join(', ') || 'no env files'}`];
  for (const { check, finding } of result.findings) lines.push(`  ✗ [${check}] ${finding}`);
  if (result.notes.length) lines.push('notes:', ...result.notes.map((note) => `  - ${note}`));
  lines.push(
    result.findings.length ? `${result.findings.length} finding(s): fix them before deploying.` : 'no findings.',
  );
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : undefined;
  };
  try {
    const result = preflight({
      project: option('project'),
      root: option('root') ? path.resolve(option('root')) : repoRoot,
    });
    console.log(formatReport(result));
    process.exit(result.findings.length ? 1 : 0);
  } catch (error) {
    console.error(`preflight: ${error.message}`);
    process.exit(2);
  }
}
