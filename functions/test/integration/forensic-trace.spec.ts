// Issue 16 end to end: a marked recording ingested the real way (the storage trigger's ffmpeg makes
// both variants), two students watch it, one rips it through their own session exactly as a script
// would (playlist, key and segments with their ID token, decrypted and joined), the copy is
// re-encoded small without audio — and the tracer names that student, not the other.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createDecipheriv } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sequenceIv } from '../../src/domain/segment-crypto';
import { traceReportSchema, type TraceReport } from '../../src/api/wire-schemas';
import { claimAndCreate } from '../../src/store/recordings';
import { tokensFor } from '../support/api';
import { db, eventually, HOSTING_URL, ingestBucket, resetWorld } from '../support/emulators';
import { lectureSegments } from '../support/media';
import { auditActions, waitForFinalized } from '../support/recordings';
import { users } from '../../../scripts/seed/world';

const RECORDING = 'rec-forensic';
/** 26 segments: enough confident readings to name one of a few viewers past the false-match bound. */
const SECONDS = 182;

async function openSession(token: string): Promise<string> {
  const res = await fetch(`${HOSTING_URL}/api/recordings/${RECORDING}/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  assert.equal(res.status, 201, await res.clone().text());
  return ((await res.json()) as { sessionId: string }).sessionId;
}

/** What a ripping script does with a student's own token: every segment, decrypted, joined. */
async function rip(token: string): Promise<Buffer> {
  const sessionId = await openSession(token);
  const get = async (url: string) => {
    const res = await fetch(new URL(url, HOSTING_URL), { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200, `${url}: ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  };
  const playlist = (await get(`/api/play/${sessionId}/playlist.m3u8`)).toString();
  const keyUri = /URI="([^"]+)"/.exec(playlist)![1]!;
  const key = await get(keyUri);
  const segmentUris = playlist.split('\n').filter((l) => l && !l.startsWith('#'));
  const plain: Buffer[] = [];
  for (const [seq, uri] of segmentUris.entries()) {
    const decipher = createDecipheriv('aes-128-cbc', key, sequenceIv(seq));
    plain.push(Buffer.concat([decipher.update(await get(uri)), decipher.final()]));
  }
  return Buffer.concat(plain);
}

/** The leaker's re-encode: 320 px wide, CRF 32, no audio (optionally only `seconds` of it). */
function reencodeSmall(ripped: Buffer, seconds?: number): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'leak-'));
  writeFileSync(path.join(dir, 'ripped.ts'), ripped);
  const cut = seconds === undefined ? [] : ['-t', String(seconds)];
  execFileSync('ffmpeg', [
    '-v', 'error', '-i', path.join(dir, 'ripped.ts'), ...cut,
    '-an', '-vf', 'scale=320:-2', '-c:v', 'libx264', '-crf', '32', path.join(dir, 'leak.mp4'),
  ]); // prettier-ignore
  return readFileSync(path.join(dir, 'leak.mp4'));
}

async function trace(
  token: string,
  clip: Buffer,
): Promise<{ status: number; body: TraceReport & { error?: { code: string } } }> {
  const res = await fetch(`${HOSTING_URL}/api/trace`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'video/mp4' },
    body: clip,
  });
  return { status: res.status, body: (await res.json()) as TraceReport & { error?: { code: string } } };
}

describe('Forensic watermark: a ripped, re-encoded copy traced to the student who made it', function () {
  this.timeout(600_000);
  let tokens: Record<'admin' | 'student1' | 'student2', string>;
  let ripped: Buffer;
  let leak: Buffer;

  before(async () => {
    await resetWorld();
    const { files } = lectureSegments(SECONDS);
    assert.ok(
      await claimAndCreate({
        id: RECORDING,
        meetingId: 'meeting-cardio-101',
        roomName: 'cardio-101',
        status: 'recording',
        createdAtMs: Date.now(),
        startedBy: 'u-teacher1',
        finalized: false,
        forensicMark: true,
      }),
    );
    for (const [seq, body] of files.entries())
      await ingestBucket()
        .file(`ingest/${RECORDING}/seg_${String(seq).padStart(5, '0')}.ts`)
        .save(body, { contentType: 'video/mp2t', resumable: false });
    await eventually(
      async () => (await db().collection(`recordings/${RECORDING}/segments`).get()).size === files.length,
      240_000,
      'every segment ingested with its variants',
    );
    const marked = (await db().collection(`recordings/${RECORDING}/segments`).get()).docs.filter(
      (d) => d.get('mark') === 'ab',
    );
    assert.equal(marked.length, files.length, 'every segment has both variants');
    await db()
      .doc(`recordings/${RECORDING}`)
      .update({ status: 'ready', egressSegmentCount: files.length, endedAtMs: Date.now() });
    await db().doc('locks/meeting-cardio-101').delete();
    await waitForFinalized(RECORDING);
    tokens = await tokensFor('admin', 'student1', 'student2');
    // Both students watch; student 2 rips nothing, student 1 rips the whole lecture.
    [, ripped] = await Promise.all([rip(tokens.student2), rip(tokens.student1)]);
    leak = reencodeSmall(ripped);
  });

  it('names the student whose session made the copy, and not the other viewer', async () => {
    const { status, body } = await trace(tokens.admin, leak);
    assert.equal(status, 200, JSON.stringify(body));
    const report = traceReportSchema.parse(body);
    assert.equal(report.verdict, 'identified', report.message);
    assert.equal(report.recordingId, RECORDING);
    assert.deepEqual(
      report.suspects.map((s) => s.uid),
      [users.student1.uid],
    );
    const [suspect] = report.suspects;
    assert.equal(suspect!.email, users.student1.email);
    assert.equal(suspect!.kind, 'playback');
    assert.ok(suspect!.matched >= suspect!.of - 1, `${suspect!.matched} of ${suspect!.of} segments agree`);
    assert.ok(suspect!.falseMatchChance < 1e-4);
    const audit = (await auditActions({ recordingId: RECORDING })).filter((e) => e['action'] === 'trace');
    assert.ok(
      audit.some((e) => String(e['reason']).startsWith('identified')),
      'the trace is audited',
    );
  });

  it('says "not enough footage" for a 30-second clip rather than guess', async () => {
    const { status, body } = await trace(tokens.admin, reencodeSmall(ripped, 30));
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.verdict, 'not-enough-footage', body.message);
    assert.deepEqual(body.suspects, []);
  });

  it('is not open to students (403)', async () => {
    const { status, body } = await trace(tokens.student1, leak);
    assert.equal(status, 403);
    assert.equal(body.error?.code, 'permission-denied');
  });
});
