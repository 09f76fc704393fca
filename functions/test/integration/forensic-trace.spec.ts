// Issue 16 end to end: a marked recording ingested the real way (the storage trigger's ffmpeg makes
// both variants), two students watch it, one rips it through their own session exactly as a script
// would (playlist, key and segments with their ID token, decrypted and joined: scripts/demo-rip.mjs,
// the same code a newcomer runs), the copy is re-encoded small without audio — and the tracer names
// that student, not the other.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { traceReport as traceReportSchema, type TraceReport } from '@lecturevault/contract';
import { tokensFor } from '../kit/api';
import { db, HOSTING_URL, resetWorld } from '../kit/emulators';
import { lectureSegments } from '../kit/media';
import { auditActions, readyRecording } from '../kit/recordings';
import { users } from '../../../scripts/seed/world';
import { reencodeSmall, ripThroughSession } from '../../../scripts/demo-rip.mjs';

const RECORDING = 'rec-forensic';
/** 26 segments: enough confident readings to name one of a few viewers past the false-match bound. */
const SECONDS = 182;

const rip = (token: string) => ripThroughSession({ base: HOSTING_URL, token, recordingId: RECORDING });

function small(ripped: Buffer, seconds?: number): Buffer {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'leak-')), 'leak.mp4');
  reencodeSmall(ripped, file, seconds);
  return readFileSync(file);
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
    const files = await readyRecording(RECORDING, { files: lectureSegments(SECONDS, 320).files, forensicMark: true });
    const marked = (await db().collection(`recordings/${RECORDING}/segments`).get()).docs.filter(
      (d) => d.get('mark') === 'ab',
    );
    assert.equal(marked.length, files.length, 'every segment has both variants');
    tokens = await tokensFor('admin', 'student1', 'student2');
    // Both students watch; student 2 rips nothing, student 1 rips the whole lecture.
    [, ripped] = await Promise.all([rip(tokens.student2), rip(tokens.student1)]);
    leak = small(ripped);
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
      audit.some((e) => /^identified; .*; named \S+/.test(String(e['reason']))),
      'the trace is audited',
    );
  });

  it('says "not enough footage" for a 30-second clip rather than guess', async () => {
    const { status, body } = await trace(tokens.admin, small(ripped, 30));
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
