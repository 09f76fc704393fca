// Issue 26: the tracer (POST /api/trace, through Hosting as an admin's browser reaches it) decodes
// only real video files. Each attack found against `npm start` is refused in seconds, in our words
// (never ffmpeg's, never a server path), and audited as refused: a local-file HLS playlist sent as
// video/mp4 (whether the file it names exists or not: the same answer), a never-ending live
// playlist, an 8K decode bomb, and a clip sent with no or a broken Content-Type.
import assert from 'node:assert/strict';
import { ffmpegPath } from '../../src/media/ffmpeg';
import { tokensFor } from '../kit/api';
import { db, HOSTING_URL, resetWorld } from '../kit/emulators';
import { decodeBomb } from '../kit/media';

let admin: string;

async function trace(body: Buffer | string, contentType?: string) {
  const started = Date.now();
  const post = () =>
    fetch(`${HOSTING_URL}/api/trace`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, ...(contentType ? { 'content-type': contentType } : {}) },
      body,
    });
  // Sent once more only when the connection closed before any answer: fetch reuses an idle
  // keep-alive connection, and the Hosting emulator closes one after 5 s idle — a busy run making
  // the decode bomb took that long, and the POST went out on the socket as it closed (never proxied).
  const res = await post().catch((error: { cause?: { code?: string } }) => {
    if (error.cause?.code !== 'UND_ERR_SOCKET') throw error;
    return post();
  });
  const text = await res.text();
  return {
    status: res.status,
    text,
    ms: Date.now() - started,
    error: (JSON.parse(text) as { error?: { code: string; message: string } }).error,
  };
}

/** Our words only: never ffmpeg's, never a path on the server. */
function assertOwnWords(text: string) {
  assert.doesNotMatch(text, /\/tmp|lv-clip|ffmpeg|Invalid data|file:|\/etc\//i, text);
}

describe('the tracer decodes only real video files (issue 26)', function () {
  this.timeout(60_000);

  before(async () => {
    await resetWorld();
    ({ admin } = await tokensFor('admin'));
  });

  it('refuses a local-file HLS playlist sent as video/mp4 (415), the same whether the file it names exists or not', async () => {
    // Both are files on any server running the functions; the answer must not tell them apart.
    const naming = (file: string) => `#EXTM3U\n#EXT-X-TARGETDURATION:7\n#EXTINF:7,\nfile:${file}\n#EXT-X-ENDLIST\n`;
    const [present, missing] = await Promise.all([
      trace(naming(process.execPath), 'video/mp4'),
      trace(naming(`${process.execPath}.missing`), 'video/mp4'),
    ]);
    assert.equal(present.status, 415, present.text);
    assert.equal(present.error?.code, 'unsupported-media-type');
    assert.match(
      present.error!.message,
      /not a video file the tracer reads: send an MP4\/MOV, Matroska\/WebM or MPEG-TS file/,
    );
    assert.deepEqual(missing, { ...present, ms: missing.ms }, 'no oracle of which server files exist');
    assertOwnWords(present.text);
  });

  it('refuses a never-ending live playlist at once (415), holding nothing', async () => {
    const live = `#EXTM3U\n#EXT-X-TARGETDURATION:7\n#EXT-X-MEDIA-SEQUENCE:0\n${Array.from({ length: 10 }, (_, i) => `#EXTINF:7,\nhttp://127.0.0.1:9/live/${i}.ts\n`).join('')}`;
    const reply = await trace(live, 'video/mp2t');
    assert.equal(reply.status, 415, reply.text);
    assert.ok(reply.ms < 5_000, `${reply.ms} ms`);
  });

  it('refuses an 8K decode bomb before decoding it (413), in seconds', async () => {
    const reply = await trace(decodeBomb(ffmpegPath()), 'video/mp4');
    assert.equal(reply.status, 413, reply.text);
    assert.equal(reply.error?.code, 'payload-too-large');
    assert.match(reply.error!.message, /larger than 4096×2160/);
    assert.ok(reply.ms < 10_000, `${reply.ms} ms`);
    assertOwnWords(reply.text);
  });

  it('answers a clip with no or a broken Content-Type 415, not "empty"', async () => {
    // (An application/json body that is not JSON never reaches us: the runtime's own 400, as in the fuzz spec.)
    for (const type of [undefined, 'video', 'video/', 'text/plain', 'image/png']) {
      const reply = await trace(Buffer.from('\0\0\0\x20ftypisom'), type);
      assert.equal(reply.status, 415, `${type}: ${reply.text}`);
      assert.doesNotMatch(reply.error!.message, /empty/, String(type));
    }
  });

  it('audits the refused traces as refused, never as a tracer error', async () => {
    const refused = (await db().collection('auditLog').where('action', '==', 'trace').get()).docs.map((d) => d.data());
    // (Repeats of one refusal are counted in auditCounters, not stored one by one.)
    assert.ok(refused.length >= 1);
    assert.ok(
      refused.every((e) => e['outcome'] === 'refused'),
      JSON.stringify(refused.map((e) => e['reason'])),
    );
  });
});
