// Captions end to end through the API (issue 28): a teacher uploads WebVTT (hostile markup and all)
// and a description track, edits a cue (a new version, audited, a stale edit refused), a student
// of the batch gets the edited text as an HLS subtitle rendition of their session (signed,
// session-bound, timed to segment 0) and finds the moment by searching what was said; a student
// without access finds nothing and cannot fetch the subtitles; machine captions never replace
// reviewed ones. One recording for every case.
import assert from 'node:assert/strict';
import { callApi, tokensFor, withTamperedSignature } from '../kit/api';
import { db, HOSTING_URL, resetWorld } from '../kit/emulators';
import { auditActions, readyRecording } from '../kit/recordings';
import { firstPts } from '../../src/domain/captions/mpegts-start';
import { saveMachineCaptions } from '../../src/store/captions';

const REC = 'rec-cc';
const VTT = [
  'WEBVTT',
  '',
  '00:00:01.000 --> 00:00:04.000',
  '<script>alert(1)</script>Aspirin after <b>myocardial</b> infarction',
  '',
  '00:00:05.000 --> 00:00:09.000',
  'Heparin &lt;img src=x onerror=alert(2)&gt; drip',
  '',
].join('\n');

type Who = 'admin' | 'teacher1' | 'teacher2' | 'student1' | 'student4';

describe('captions', function () {
  this.timeout(120_000);
  let t: Record<Who, string>;
  let segmentZero: Buffer;

  before(async () => {
    await resetWorld({ forensicWatermark: false });
    t = await tokensFor('admin', 'teacher1', 'teacher2', 'student1', 'student4');
    [segmentZero] = await readyRecording(REC);
  });

  const play = (token: string, url: string) =>
    fetch(`${HOSTING_URL}${url.startsWith('/') ? url : `/${url}`}`, { headers: { authorization: `Bearer ${token}` } });

  it('only the meeting staff upload; a bad file is a readable 400 that writes nothing; markup never survives', async () => {
    for (const who of ['student1', 'teacher2'] as const) {
      const refused = await callApi(`/recordings/${REC}/captions`, {
        token: t[who],
        method: 'POST',
        body: { lang: 'en', text: VTT },
      });
      assert.equal(refused.status, 403, who);
    }
    const bad = await callApi(`/recordings/${REC}/captions`, {
      token: t.teacher1,
      method: 'POST',
      body: { lang: 'en', text: 'WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nbackwards\n' },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error?.message, 'Cue 1: it must end after it starts.');
    const badLang = await callApi(`/recordings/${REC}/captions`, {
      token: t.teacher1,
      method: 'POST',
      body: { lang: 'English!', text: VTT },
    });
    assert.equal(badLang.status, 400);
    assert.equal((await db().collection(`recordings/${REC}/captions`).get()).size, 0);

    const uploaded = await callApi(`/recordings/${REC}/captions`, {
      token: t.teacher1,
      method: 'POST',
      body: { lang: 'en', text: VTT },
    });
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
    assert.deepEqual(uploaded.body, {
      lang: 'en',
      kind: 'captions',
      source: 'upload',
      status: 'reviewed',
      version: 1,
      updatedAtMs: uploaded.body.updatedAtMs,
      cueCount: 2,
    });
    const described = await callApi(`/recordings/${REC}/captions`, {
      token: t.admin,
      method: 'POST',
      body: {
        lang: 'en',
        kind: 'descriptions',
        text: '1\n00:00:00,000 --> 00:00:03,000\nA slide of the coronary arteries.\n',
      },
    });
    assert.equal(described.status, 201);

    const track = await callApi<{ status: string; cues: Array<{ text: string }> }>(`/recordings/${REC}/captions/en`, {
      token: t.student1,
    });
    assert.equal(track.status, 200);
    assert.equal(track.body.status, 'reviewed');
    assert.deepEqual(
      track.body.cues.map((c) => c.text),
      ['alert(1)Aspirin after myocardial infarction', 'Heparin drip'],
    );
    assert.equal((await callApi(`/recordings/${REC}/captions/en`, { token: t.student4 })).status, 403);
  });

  it('an edit is a new version over the one it was read at; a stale one is a 409; both audited, the old kept', async () => {
    const cues = [
      { startMs: 1000, endMs: 4000, text: 'Aspirin after myocardial infarction' },
      { startMs: 5000, endMs: 9000, text: 'Heparin infusion, edited' },
    ];
    const edited = await callApi(`/recordings/${REC}/captions/en`, {
      token: t.teacher1,
      method: 'PUT',
      body: { baseVersion: 1, cues },
    });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.equal(edited.body.version, 2);
    assert.equal(edited.body.source, 'edited');
    const stale = await callApi(`/recordings/${REC}/captions/en`, {
      token: t.admin,
      method: 'PUT',
      body: { baseVersion: 1, cues },
    });
    assert.equal(stale.status, 409);
    assert.match(stale.body.error?.message ?? '', /version 2 .* since you opened version 1/);
    const badTiming = await callApi(`/recordings/${REC}/captions/en`, {
      token: t.teacher1,
      method: 'PUT',
      body: { baseVersion: 2, cues: [{ startMs: 5000, endMs: 10, text: 'x' }] },
    });
    assert.equal(badTiming.status, 400);
    assert.equal((await db().doc(`recordings/${REC}/captions/en/versions/1`).get()).get('source'), 'upload');
    const audited = (await auditActions({ recordingId: REC })).filter((a) => a.action === 'captions');
    assert.ok(audited.some((a) => a.outcome === 'ok' && /edited en v2/.test(String(a.reason))));
  });

  it('the transcript downloads only where the download rules allow: a student who may watch gets 403, audited', async () => {
    const listed = await callApi<{ canDownload: boolean }>(`/recordings/${REC}/captions`, { token: t.student1 });
    assert.equal(listed.status, 200);
    assert.equal(listed.body.canDownload, false, 'no download offered to a student');
    for (const format of ['txt', 'vtt']) {
      const refused = await callApi(`/recordings/${REC}/captions/en/transcript?format=${format}`, {
        token: t.student1,
      });
      assert.equal(refused.status, 403, `${format}: ${JSON.stringify(refused.body)}`);
    }
    assert.equal((await callApi(`/recordings/${REC}/captions/en/transcript`, { token: t.student4 })).status, 403);
    const denied = (await auditActions({ recordingId: REC })).filter(
      (a) => a.action === 'download' && a.outcome === 'denied' && a['uid'] === 'u-student1',
    );
    assert.ok(denied.length >= 1, 'the refusal is audited (repeats are counted, not stored)');
    assert.equal(
      (await callApi(`/recordings/${REC}/captions/en/transcript?format=pdf`, { token: t.admin })).status,
      400,
    );

    // The meeting lets its teacher download; an admin always may.
    const teacherList = await callApi<{ canDownload: boolean }>(`/recordings/${REC}/captions`, { token: t.teacher1 });
    assert.equal(teacherList.body.canDownload, true);
    const text = await callApi<{ fileName: string; text: string }>(`/recordings/${REC}/captions/en/transcript`, {
      token: t.teacher1,
    });
    assert.equal(text.status, 200, JSON.stringify(text.body));
    assert.equal(text.body.fileName, 'Cardiac cycle and heart sounds.txt');
    assert.ok(text.body.text.includes('[0:05] Heparin infusion, edited'), text.body.text);
    const vtt = await callApi<{ text: string }>(`/recordings/${REC}/captions/en/transcript?format=vtt`, {
      token: t.admin,
    });
    assert.match(vtt.body.text, /^WEBVTT\n\n00:00:01\.000 --> 00:00:04\.000\nAspirin after myocardial infarction\n/);
  });

  it("a course's phrase list is read by an admin or its teacher only", async () => {
    for (const who of ['student1', 'teacher2'] as const) {
      const refused = await callApi('/meetings/meeting-cardio-101/speech-phrases', { token: t[who] });
      assert.equal(refused.status, 403, who);
    }
    for (const who of ['teacher1', 'admin'] as const) {
      const read = await callApi<{ phrases: string[] }>('/meetings/meeting-cardio-101/speech-phrases', {
        token: t[who],
      });
      assert.equal(read.status, 200, who);
      assert.ok(Array.isArray(read.body.phrases));
    }
    assert.equal((await callApi('/meetings/meeting-nope/speech-phrases', { token: t.admin })).status, 404);
  });

  it('searching what was said finds the moment for those who may watch, and nothing for anyone else', async () => {
    const found = await callApi<{
      hits: Array<{ recordingId: string; moments: Array<{ startMs: number; text: string }> }>;
    }>('/transcripts?q=HEPARIN%20edited', { token: t.student1 });
    assert.equal(found.status, 200, JSON.stringify(found.body));
    assert.deepEqual(
      found.body.hits.map((h) => [h.recordingId, h.moments]),
      [[REC, [{ startMs: 5000, text: 'Heparin infusion, edited' }]]],
    );
    for (const who of ['student4', 'teacher2'] as const) {
      const none = await callApi<{ hits: unknown[] }>('/transcripts?q=heparin', { token: t[who] });
      assert.deepEqual(none.body, { hits: [] }, who);
    }
    const otherCourse = await callApi<{ hits: unknown[] }>('/transcripts?q=heparin&meetingId=meeting-neuro-201', {
      token: t.student1,
    });
    assert.deepEqual(otherCourse.body, { hits: [] });
    assert.equal((await callApi('/transcripts?q=a', { token: t.student1 })).status, 400);
  });

  it("a student's session carries the edited captions as a signed subtitle rendition timed to segment 0", async () => {
    const opened = await callApi<{ multivariantUrl: string }>(`/recordings/${REC}/sessions`, {
      token: t.student1,
      method: 'POST',
      body: {},
    });
    assert.equal(opened.status, 201);
    assert.match(opened.body.multivariantUrl, /\/multivariant\.m3u8$/);
    const main = await (await play(t.student1, opened.body.multivariantUrl)).text();
    assert.match(
      main,
      /#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English",LANGUAGE="en",.*URI="subs\/en\/playlist\.m3u8"/,
    );
    assert.match(
      main,
      /CHARACTERISTICS="public\.accessibility\.describes-video",URI="subs\/en_descriptions\/playlist\.m3u8"/,
    );
    // Every variant (here the source rung: the world records source-only) names the group.
    assert.match(main, /#EXT-X-STREAM-INF:BANDWIDTH=\d+,.*SUBTITLES="subs"\nplaylist\.m3u8\n/);
    const base = opened.body.multivariantUrl.replace(/multivariant\.m3u8$/, '');
    const subs = await (await play(t.student1, `${base}subs/en/playlist.m3u8`)).text();
    const cuesUri = /^cues\.vtt\?exp=\d+&sig=[\w-]+$/m.exec(subs)?.[0];
    assert.ok(cuesUri, subs);
    const vtt = await play(t.student1, `${base}subs/en/${cuesUri}`);
    assert.equal(vtt.status, 200);
    assert.equal(vtt.headers.get('content-type'), 'text/vtt; charset=utf-8');
    const text = await vtt.text();
    assert.equal(text.split('\n')[1], `X-TIMESTAMP-MAP=MPEGTS:${firstPts(segmentZero)},LOCAL:00:00:00.000`);
    assert.match(text, /00:00:05\.000 --> 00:00:09\.000\nHeparin infusion, edited\n/);

    // The attacks: a tampered signature, another student's token, and the same URL after a revoke.
    assert.equal((await play(t.student1, `${base}subs/en/${withTamperedSignature(cuesUri)}`)).status, 403);
    assert.equal((await play(t.student4, `${base}subs/en/${cuesUri}`)).status, 403);
    assert.equal((await play(t.student4, `${base}subs/en/playlist.m3u8`)).status, 403);
    assert.equal(
      (await callApi(`/recordings/${REC}/sessions`, { token: t.student4, method: 'POST', body: {} })).status,
      403,
    );
    const revoked = await callApi(`/recordings/${REC}/revocations`, {
      token: t.admin,
      method: 'POST',
      body: { email: 'student1@lecturevault.dev' },
    });
    assert.equal(revoked.status, 201, JSON.stringify(revoked.body));
    assert.equal((await play(t.student1, `${base}subs/en/${cuesUri}`)).status, 403);
  });

  it('machine captions replace machine ones but never reviewed ones', async () => {
    const machine = [{ startMs: 0, endMs: 1000, text: 'machine words' }];
    assert.equal(await saveMachineCaptions(REC, 'en', machine), 'kept-reviewed');
    assert.equal((await db().doc(`recordings/${REC}/captions/en`).get()).get('version'), 2);
    assert.equal(await saveMachineCaptions(REC, 'de', machine), 'saved');
    assert.equal(await saveMachineCaptions(REC, 'de', machine), 'saved');
    const de = await db().doc(`recordings/${REC}/captions/de`).get();
    assert.deepEqual([de.get('status'), de.get('version'), de.get('updatedBy')], ['machine', 2, 'speech-to-text']);
  });
});
