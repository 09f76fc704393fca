#!/usr/bin/env node
// npm run demo:rip -- [--as student1] [--recording <id>] [--rung source|lowest] [--out leak.mp4]
// The attack the forensic watermark answers, for the local demo (`npm start`): signed in as a seeded
// student, it rips a lecture through that student's own playback session exactly as a script would
// (playlist, key and segments with their ID token, decrypted and joined), then re-encodes the copy
// small without audio (320 px wide, CRF 32) as a leaker would. `npm run trace -- leak.mp4` then names
// the student. Emulators only: it signs in with the demo password.
import { execFileSync } from 'node:child_process';
import { createDecipheriv } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const LOCAL_URL = 'http://127.0.0.1:5000';
const LOCAL_AUTH = 'http://127.0.0.1:9099';
const DEMO_PASSWORD = 'lecture-demo-2026';

/** RFC 8216: without an IV attribute, the IV is the media sequence number, 128-bit big-endian. */
function sequenceIv(seq) {
  const iv = Buffer.alloc(16);
  iv.writeBigUInt64BE(BigInt(seq), 8);
  return iv;
}

/**
 * The media playlist of the lowest video rung a multivariant playlist lists (the smallest
 * RESOLUTION: what a player on a poor link falls to), as a URI relative to it.
 */
export function lowestVideoRungUri(multivariant) {
  const lines = multivariant.split('\n');
  let lowest;
  for (const [i, line] of lines.entries()) {
    const height = /^#EXT-X-STREAM-INF:.*RESOLUTION=\d+x(\d+)/.exec(line)?.[1];
    if (height && (!lowest || Number(height) < lowest.height)) lowest = { height: Number(height), uri: lines[i + 1] };
  }
  if (!lowest) throw new Error('the multivariant playlist lists no video rung');
  return lowest.uri.trim();
}

/**
 * Every segment of `recordingId`, fetched through a new playback session of `token`'s user,
 * decrypted and joined (MPEG-TS): the source rung, or with `rung: 'lowest'` the lowest video rung
 * of the session's multivariant playlist.
 */
export async function ripThroughSession({ base, token, recordingId, rung = 'source' }) {
  const auth = { authorization: `Bearer ${token}` };
  const opened = await fetch(`${base}/api/recordings/${encodeURIComponent(recordingId)}/sessions`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: '{}',
  });
  if (opened.status !== 201) throw new Error(`opening a session: HTTP ${opened.status} ${await opened.text()}`);
  const { sessionId, multivariantUrl } = await opened.json();
  // Every URI is relative to the playlist that names it, as a player resolves them.
  const get = async (uri, relativeTo) => {
    const res = await fetch(new URL(uri, relativeTo), { headers: auth });
    if (!res.ok) throw new Error(`${uri}: HTTP ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  };
  let playlistUrl = `${base}/api/play/${sessionId}/playlist.m3u8`;
  if (rung === 'lowest') {
    const multivariant = new URL(multivariantUrl, base).href;
    playlistUrl = new URL(lowestVideoRungUri((await get(multivariant)).toString()), multivariant).href;
  }
  const playlist = (await get(playlistUrl)).toString();
  const key = await get(/URI="([^"]+)"/.exec(playlist)[1], playlistUrl);
  const uris = playlist.split('\n').filter((line) => line && !line.startsWith('#'));
  const plain = [];
  for (const [seq, uri] of uris.entries()) {
    const decipher = createDecipheriv('aes-128-cbc', key, sequenceIv(seq));
    plain.push(Buffer.concat([decipher.update(await get(uri, playlistUrl)), decipher.final()]));
  }
  return Buffer.concat(plain);
}

/** The leaker's re-encode with the system ffmpeg: 320 px wide, CRF 32, no audio (MP4), optionally only the first `seconds`. */
export function reencodeSmall(ripped, outFile, seconds) {
  const dir = mkdtempSync(path.join(tmpdir(), 'lv-rip-'));
  try {
    writeFileSync(path.join(dir, 'ripped.ts'), ripped);
    const cut = seconds === undefined ? [] : ['-t', String(seconds)];
    execFileSync('ffmpeg', [
      '-v', 'error', '-y', '-i', path.join(dir, 'ripped.ts'), ...cut,
      '-an', '-vf', 'scale=320:-2', '-c:v', 'libx264', '-crf', '32', outFile,
    ]); // prettier-ignore
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function signIn(email) {
  const res = await fetch(
    `${LOCAL_AUTH}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo-api-key`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD, returnSecureToken: true }),
    },
  ).catch(() => {
    throw new Error('cannot reach the Auth emulator: is `npm start` running?');
  });
  const body = await res.json();
  if (!body.idToken) throw new Error(`sign-in as ${email} failed: ${body.error?.message ?? res.status}`);
  return body.idToken;
}

async function main() {
  const { values } = parseArgs({
    options: {
      as: { type: 'string', default: 'student1' },
      recording: { type: 'string' },
      out: { type: 'string', default: 'leak.mp4' },
      rung: { type: 'string', default: 'source' },
    },
  });
  const email = values.as.includes('@') ? values.as : `${values.as}@lecturevault.dev`;
  const token = await signIn(email);
  let recordingId = values.recording;
  if (!recordingId) {
    const res = await fetch(`${LOCAL_URL}/api/library`, { headers: { authorization: `Bearer ${token}` } });
    const { recordings } = await res.json();
    recordingId = recordings?.find((r) => r.status === 'ready')?.id;
    if (!recordingId) throw new Error(`${email} sees no ready lecture`);
  }
  if (!['source', 'lowest'].includes(values.rung)) throw new Error('--rung is source or lowest');
  console.error(`Ripping ${recordingId} (${values.rung} rung) as ${email} through their own session …`);
  const ripped = await ripThroughSession({ base: LOCAL_URL, token, recordingId, rung: values.rung });
  reencodeSmall(ripped, values.out);
  console.error(
    `${(ripped.length / 1024 / 1024).toFixed(1)} MiB ripped; re-encoded small without audio to ${values.out}.`,
  );
  console.error(`Now trace it as the admin: npm run trace -- ${values.out}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
