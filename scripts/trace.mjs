#!/usr/bin/env node
// npm run trace -- <video file> [--recording <id>] [--url <base>]
// Asks LectureVault's tracer (POST /api/trace, admins only) whom a leaked copy came from and prints
// its report. Local by default: the emulators (`npm start`), signed in as the seeded demo admin.
// Deployed: --url https://<project>.web.app with LV_EMAIL and LV_PASSWORD of an admin account; the
// web API key is the Hosting site's own (/__/firebase/init.json), or LV_API_KEY.
// Exit code: 0 a viewer was identified; 2 the tracer could not say (unknown, not enough footage); 1 an error.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

const LOCAL_URL = 'http://127.0.0.1:5000';
const LOCAL_AUTH = 'http://127.0.0.1:9099';
// The seeded demo admin (scripts/seed/world.ts; README "Demo accounts"): the emulators only.
const DEMO_ADMIN = { email: 'admin@lecturevault.dev', password: 'lecture-demo-2026' };

class Failure extends Error {}

function usage() {
  return 'usage: npm run trace -- <video file> [--recording <recording id>] [--url https://<project>.web.app]';
}

async function json(res, what) {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Failure(`${what}: HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`);
  }
}

/** The web API key of a deployed site: the Hosting-reserved init.json lists its web app's config. */
async function apiKeyOf(base) {
  if (process.env.LV_API_KEY) return process.env.LV_API_KEY;
  const res = await fetch(`${base}/__/firebase/init.json`);
  if (!res.ok) throw new Failure(`no web config at ${base}/__/firebase/init.json (HTTP ${res.status}); set LV_API_KEY`);
  const { apiKey } = await json(res, 'web config');
  if (!apiKey) throw new Failure('the web config has no apiKey; set LV_API_KEY');
  return apiKey;
}

async function signIn(base, local) {
  const { email, password } = local
    ? { email: process.env.LV_EMAIL ?? DEMO_ADMIN.email, password: process.env.LV_PASSWORD ?? DEMO_ADMIN.password }
    : { email: process.env.LV_EMAIL, password: process.env.LV_PASSWORD };
  if (!email || !password) throw new Failure('a deployed project needs LV_EMAIL and LV_PASSWORD (an admin account)');
  const origin = local ? `${LOCAL_AUTH}/identitytoolkit.googleapis.com` : 'https://identitytoolkit.googleapis.com';
  const key = local ? 'demo-api-key' : await apiKeyOf(base);
  const res = await fetch(`${origin}/v1/accounts:signInWithPassword?key=${encodeURIComponent(key)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, returnSecureToken: true }),
  }).catch((error) => {
    throw new Failure(
      `cannot reach Auth at ${origin}${local ? ' (are the emulators running? npm start)' : ''}: ${error.message}`,
    );
  });
  const body = await json(res, 'sign-in');
  // Auth's own message (EMAIL_NOT_FOUND, INVALID_PASSWORD …); the password never is printed.
  if (!body.idToken) throw new Failure(`sign-in as ${email} failed: ${body.error?.message ?? `HTTP ${res.status}`}`);
  return body.idToken;
}

const when = (ms) =>
  new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
const chance = (p) => (p === 0 ? '0' : p < 1e-4 ? p.toExponential(1) : p.toPrecision(2));

export function formatReport(report) {
  const lines = [`Verdict: ${report.verdict}`, report.message];
  if (report.recordingId)
    lines.push(`Recording: ${report.title ? `${report.title} (${report.recordingId})` : report.recordingId}`);
  const span = report.firstSeq === undefined ? '' : `, segments ${report.firstSeq}–${report.lastSeq}`;
  lines.push(`Clip: ${report.clipSeconds.toFixed(1)} s, ${report.segmentsRead} segment(s) read${span}`);
  if (report.suspects.length) {
    lines.push('', report.suspects.length === 1 ? 'Named:' : `Named (${report.suspects.length}):`);
    for (const s of report.suspects) {
      lines.push(
        `  ${s.name} <${s.email}>  uid ${s.uid}`,
        `    ${s.kind === 'download' ? 'download' : 'playback session'} ${s.markId}, started ${when(s.startedAtMs)}${s.ip ? ` from ${s.ip}` : ''}`,
        `    ${s.matched}/${s.of} segments match its codeword; chance of a false match ≤ ${chance(s.falseMatchChance)}`,
      );
    }
  }
  return lines.join('\n');
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { recording: { type: 'string' }, url: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(usage());
    return 0;
  }
  if (positionals.length !== 1) throw new Failure(usage());
  const file = positionals[0];
  const base = (values.url ?? LOCAL_URL).replace(/\/+$/, '');
  const local = values.url === undefined;
  const clip = await readFile(file).catch((error) => {
    throw new Failure(`cannot read ${file}: ${error.message}`);
  });
  const token = await signIn(base, local);
  const query = values.recording ? `?recordingId=${encodeURIComponent(values.recording)}` : '';
  console.error(`Tracing ${path.basename(file)} (${(clip.length / 1024 / 1024).toFixed(1)} MiB) at ${base} …`);
  const res = await fetch(`${base}/api/trace${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: clip,
  }).catch((error) => {
    throw new Failure(`cannot reach ${base}: ${error.message}`);
  });
  const body = await json(res, 'trace');
  if (!res.ok)
    throw new Failure(
      `the tracer refused (HTTP ${res.status} ${body.error?.code ?? ''}): ${body.error?.message ?? ''}`,
    );
  console.log(formatReport(body));
  return body.verdict === 'identified' ? 0 : 2;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(error instanceof Failure ? error.message : error);
      process.exit(1);
    },
  );
}
