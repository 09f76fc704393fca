// Issue 16, delivery by codeword: each playback session and each download of a marked recording
// has a recorded codeword (forensicMarks/), segment seq is served from the variant it picks, the
// playlists and URLs look alike whatever the codeword, the marks go with the recording; and the
// tracer's endpoint refuses everyone but admins, and bad clips, in our error shape.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { callApi, tokensFor } from '../kit/api';
import { db, FUNCTIONS_URL, HOSTING_URL, resetWorld } from '../kit/emulators';
import { variantCiphertext, writeVariants } from '../kit/forensic';
import { auditActions, readyRecording } from '../kit/recordings';
import { users } from '../../../scripts/seed/world';
import { variantOf, type Variant } from '../../src/domain/forensic/forensic-mark';
import { segmentDecipher } from '../../src/domain/keys/segment-crypto';
import { signSegment, urlSigningKey } from '../../src/domain/playback/url-signing';
import { TRACE_CLIP_MAX_BYTES } from '../../src/domain/forensic/trace-clip';
import { recordingKey, kekRing } from '../../src/store/keys';
import { marksOf } from '../../src/store/forensic-marks';

type Who = 'admin' | 'teacher1' | 'student1' | 'student2';
/** Segments beyond the playlist's three: signed URLs for them are served like any, so 32 bits tell codewords apart. */
const SEQS = Array.from({ length: 32 }, (_, seq) => seq);
const REC = 'rec-marked';

describe('forensic watermark: delivery by codeword', function () {
  this.timeout(180_000);
  let t: Record<Who, string>;
  let files: Buffer[];
  let plain: Map<number, Record<Variant, Buffer>>;

  const play = (path: string, who: Who, init: RequestInit = {}) =>
    fetch(`${FUNCTIONS_URL}/api${path}`, { ...init, headers: { authorization: `Bearer ${t[who]}`, ...init.headers } });
  // Through Hosting, as the web app and `npm run trace` call it: /api/trace is rewritten to the tracer function.
  const postTrace = (query: string, who: Who, init: RequestInit = {}) =>
    fetch(`${HOSTING_URL}/api/trace${query}`, {
      ...init,
      method: 'POST',
      headers: { authorization: `Bearer ${t[who]}`, ...init.headers },
    });
  const openSession = async (who: Who) => {
    const reply = await callApi<{ sessionId: string; expiresAtMs: number }>(`/recordings/${REC}/sessions`, {
      token: t[who],
      method: 'POST',
      body: {},
    });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    return reply.body;
  };
  const segment = async (who: Who, session: { sessionId: string; expiresAtMs: number }, seq: number) => {
    const sig = signSegment(urlSigningKey(kekRing().keks[0]!), session.sessionId, seq, session.expiresAtMs);
    const res = await play(`/play/${session.sessionId}/seg/${seq}.ts?exp=${session.expiresAtMs}&sig=${sig}`, who);
    assert.equal(res.status, 200, `seg ${seq}`);
    return Buffer.from(await res.arrayBuffer());
  };
  const seedOf = async (sessionId: string) =>
    (await db().doc(`playbackSessions/${sessionId}`).get()).get('codewordSeed') as string;

  before(async () => {
    await resetWorld();
    files = await readyRecording(REC);
    // The three real segments and 29 more (small, past the playlist) for 32 codeword bits.
    const originals = new Map(SEQS.map((seq) => [seq, files[seq] ?? Buffer.from(`segment ${seq}`)]));
    plain = await writeVariants(REC, originals);
    t = await tokensFor('admin', 'teacher1', 'student1', 'student2');
  });

  it('serves each session its own codeword: the same variant for a seq every time, and two sessions apart somewhere', async () => {
    const one = await openSession('student1');
    const two = await openSession('student2');
    const served: Record<string, Variant[]> = {};
    for (const [who, session] of [
      ['student1', one],
      ['student2', two],
    ] as const) {
      const seed = await seedOf(session.sessionId);
      assert.ok(seed, 'the session holds its codeword seed');
      served[who] = [];
      for (const seq of SEQS) {
        const bytes = await segment(who, session, seq);
        const a = await variantCiphertext(REC, seq, 'a');
        const b = await variantCiphertext(REC, seq, 'b');
        const variant: Variant = bytes.equals(a)
          ? 'a'
          : bytes.equals(b)
            ? 'b'
            : assert.fail(`seq ${seq}: neither variant`);
        assert.equal(variant, variantOf(seed, seq), `seq ${seq} is the codeword's variant`);
        assert.ok((await segment(who, session, seq)).equals(bytes), `seq ${seq} again: the same variant`);
        served[who].push(variant);
      }
    }
    assert.ok(
      SEQS.some((seq) => served.student1![seq] !== served.student2![seq]),
      `two codewords differ somewhere in 32 segments (${served.student1!.join('')} vs ${served.student2!.join('')})`,
    );
    // Each session's mark: the person, where from, and the same codeword, kept apart from the session.
    const marks = new Map((await marksOf(REC)).map((m) => [m.markId, m]));
    for (const [who, session] of [
      ['student1', one],
      ['student2', two],
    ] as const) {
      const mark = marks.get(session.sessionId);
      assert.ok(mark, `${who}'s session has its mark`);
      assert.deepEqual(
        { kind: mark.kind, uid: mark.uid, email: mark.email, name: mark.name, seed: mark.codewordSeed },
        {
          kind: 'playback',
          uid: users[who].uid,
          email: users[who].email,
          name: users[who].name,
          seed: await seedOf(session.sessionId),
        },
      );
      assert.equal(typeof mark.ip, 'string');
      assert.ok(mark.createdAtMs > Date.now() - 120_000);
    }
  });

  it('hands every session the same playlist but for its session-bound exp and sig (nothing names a variant)', async () => {
    const texts = await Promise.all(
      (['student1', 'student2'] as const).map(async (who) => {
        const { sessionId } = await openSession(who);
        const res = await play(`/play/${sessionId}/playlist.m3u8`, who);
        assert.equal(res.status, 200);
        return res.text();
      }),
    );
    const bound = /\?exp=\d+&sig=[A-Za-z0-9_-]+/g;
    assert.notEqual(texts[0], texts[1], 'the signed parts differ');
    assert.equal(texts[0]!.replace(bound, '?…'), texts[1]!.replace(bound, '?…'));
    assert.equal(texts[0]!.match(bound)?.length, files.length, 'every segment line is signed');
    assert.doesNotMatch(texts[0]!, /\.a\.ts|\.b\.ts|variant/i);
  });

  it('streams a download from the download mark’s codeword, with the served variants’ exact length', async () => {
    const before = new Set((await marksOf(REC)).map((m) => m.markId));
    const res = await play(`/recordings/${REC}/download`, 'admin');
    assert.equal(res.status, 200);
    const body = Buffer.from(await res.arrayBuffer());
    const mark = (await marksOf(REC)).find((m) => !before.has(m.markId));
    assert.ok(mark, 'the download was given a mark');
    assert.match(mark.markId, /^dl_[A-Za-z0-9_-]{20,}$/);
    assert.equal(mark.kind, 'download');
    assert.equal(mark.uid, users.admin.uid);
    assert.equal(mark.name, users.admin.name);
    // Only the recording's confirmed segments (its three), each the variant the codeword picks.
    const expected = Buffer.concat(files.map((_, seq) => plain.get(seq)![variantOf(mark.codewordSeed, seq)]));
    assert.ok(body.equals(expected), 'the codeword’s variants, decrypted, in order');
    assert.equal(res.headers.get('content-length'), String(expected.length));
    // Decrypting what is stored gives the same: the variants are sealed like any segment.
    const key = await recordingKey(REC);
    const d = segmentDecipher(key, 0);
    const first = Buffer.concat([
      d.update(await variantCiphertext(REC, 0, variantOf(mark.codewordSeed, 0))),
      d.final(),
    ]);
    assert.ok(body.subarray(0, first.length).equals(first));
  });

  it('refuses the tracer to students and teachers (403, audited), and bad clips to an admin in our error shape', async () => {
    const clip = { 'content-type': 'video/mp4' };
    const student = await postTrace(`?recordingId=${REC}`, 'student1', { headers: clip, body: 'x' });
    const teacher = await postTrace(`?recordingId=${REC}`, 'teacher1', { headers: clip, body: 'x' });
    for (const res of [student, teacher]) {
      assert.equal(res.status, 403);
      assert.deepEqual(await res.json(), {
        error: { code: 'permission-denied', message: 'Only an admin can do this.' },
      });
    }
    const denied = (await auditActions({ recordingId: REC })).filter(
      (e) => e['action'] === 'trace' && e['outcome'] === 'denied',
    );
    assert.deepEqual(denied.map((e) => e['uid']).sort(), ['u-student1', 'u-teacher1']);

    const empty = await postTrace('', 'admin', { headers: clip });
    assert.equal(empty.status, 400);
    assert.equal(((await empty.json()) as { error: { code: string } }).error.code, 'invalid-argument');

    const json = await postTrace('', 'admin', {
      headers: { 'content-type': 'application/json' },
      body: '{"clip":"x"}',
    });
    assert.equal(json.status, 415);
    assert.equal(((await json.json()) as { error: { code: string } }).error.code, 'unsupported-media-type');

    const big = await postTrace('', 'admin', {
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.alloc(TRACE_CLIP_MAX_BYTES + 1),
    });
    assert.equal(big.status, 413);
    const tooBig = (await big.json()) as { error: { code: string; message: string; maxBytes: number } };
    assert.equal(tooBig.error.code, 'payload-too-large');
    assert.equal(tooBig.error.maxBytes, TRACE_CLIP_MAX_BYTES);

    const badId = await postTrace('?recordingId=__x__', 'admin', { headers: clip, body: 'x' });
    assert.equal(badId.status, 400);
    // Bytes that are no video at all, whatever their type says: refused before any decoding, a 415.
    const garbage = await postTrace('', 'admin', { headers: clip, body: 'not a video at all' });
    assert.equal(garbage.status, 415);
    assert.equal(((await garbage.json()) as { error: { code: string } }).error.code, 'unsupported-media-type');
    // The refusals of an admin's clips are audited too (no recording named: an entry per reason).
    const refused = await db()
      .collection('auditLog')
      .where('action', '==', 'trace')
      .where('outcome', '==', 'refused')
      .get();
    assert.deepEqual(refused.docs.map((d) => d.get('reason')).sort(), [
      'empty',
      'not-video',
      'too-large',
      'unsupported-media-type',
    ]);
  });

  it('npm run trace: signs in as the demo admin, says "cannot say" with exit 2, and a refusal with exit 1', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trace-cli-'));
    const cli = path.resolve(__dirname, '../../../scripts/trace.mjs');
    const run = async (file: string) =>
      promisify(execFile)(process.execPath, [cli, file], { encoding: 'utf8' }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
    // A real video the marked recordings do not contain (no reference frames were written here).
    writeFileSync(path.join(dir, 'clip.ts'), files[0]!);
    const unknown = await run(path.join(dir, 'clip.ts'));
    assert.equal(unknown.code, 2, unknown.stderr);
    assert.match(unknown.stdout, /^Verdict: (unknown|not-enough-footage)\n/);
    assert.doesNotMatch(unknown.stdout, /Named/);
    writeFileSync(path.join(dir, 'notes.mp4'), 'not a video at all');
    const refused = await run(path.join(dir, 'notes.mp4'));
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /the tracer refused \(HTTP 415 unsupported-media-type\)/);
  });

  it('deletes the recording’s marks with the recording, and only its own', async () => {
    await readyRecording('rec-other');
    await writeVariants('rec-other', new Map([[0, files[0]!]]));
    await openSession('student1');
    const other = await callApi<{ sessionId: string }>('/recordings/rec-other/sessions', {
      token: t.student2,
      method: 'POST',
      body: {},
    });
    assert.equal(other.status, 201);
    assert.ok((await marksOf(REC)).length >= 3, 'marks before');
    const deleted = await callApi(`/recordings/${REC}`, { token: t.admin, method: 'DELETE' });
    assert.equal(deleted.status, 204);
    assert.deepEqual(await marksOf(REC), []);
    assert.deepEqual(
      (await marksOf('rec-other')).map((m) => m.markId),
      [other.body.sessionId],
    );
  });
});
