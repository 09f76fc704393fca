import assert from 'node:assert/strict';
import {
  clipContainer,
  clipRefusal,
  probeRefusal,
  TRACE_CLIP_MAX_BYTES,
} from '../../../../src/domain/forensic/trace-clip';

describe('a clip to trace', () => {
  it('is taken as any video type or as octet-stream, parameters and case aside', () => {
    for (const type of [
      'video/mp4',
      'video/MP2T',
      'video/x-matroska',
      'video/webm; codecs=vp9',
      'application/octet-stream',
    ])
      assert.equal(clipRefusal(1_000, type), null, type);
  });

  it('is refused when it is not sent as a video (JSON, text, a form, no type at all)', () => {
    for (const type of ['application/json', 'text/plain', 'multipart/form-data; boundary=x', 'video/', '', undefined])
      assert.equal(clipRefusal(1_000, type), 'not-video', String(type));
  });

  it('is refused empty, and above the limit our API answers for (below the platform’s own 32 MiB)', () => {
    assert.equal(clipRefusal(0, 'video/mp4'), 'empty');
    // Issue 26: no type (or a broken one) is a 415, not "empty": the runtime keeps no body it cannot type.
    assert.equal(clipRefusal(0, undefined), 'not-video');
    assert.equal(clipRefusal(1_000, 'video mp4'), 'not-video');
    assert.equal(clipRefusal(TRACE_CLIP_MAX_BYTES, 'video/mp4'), null);
    assert.equal(clipRefusal(TRACE_CLIP_MAX_BYTES + 1, 'video/mp4'), 'too-large');
    assert.ok(TRACE_CLIP_MAX_BYTES < 32 * 1024 * 1024);
  });
});

describe('what the tracer decodes', () => {
  const ts = Buffer.alloc(188 * 3);
  for (let i = 0; i < 3; i++) ts[i * 188] = 0x47;

  it('knows MP4/MOV, Matroska/WebM and MPEG-TS by their first bytes', () => {
    assert.equal(clipContainer(Buffer.from('\0\0\0\x20ftypisom')), 'mov');
    assert.equal(clipContainer(Buffer.from('\0\0\0\x08wide\0\0\0\0mdat')), 'mov');
    assert.equal(clipContainer(Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f])), 'matroska');
    assert.equal(clipContainer(ts), 'mpegts');
  });

  it('knows no playlist, concat script, image or text, whatever type it was sent as', () => {
    for (const text of [
      '#EXTM3U\n#EXTINF:7,\nfile:/etc/passwd\n',
      'ffconcat version 1.0\n',
      '\x89PNG\r\n\x1a\n',
      'GIF89a',
      '',
    ])
      assert.equal(clipContainer(Buffer.from(text)), null, JSON.stringify(text));
    const broken = Buffer.from(ts);
    broken[376] = 0x23;
    assert.equal(clipContainer(broken), null, 'one packet in three out of step');
  });

  it('refuses more than 4096×2160 (either way round) or ten minutes, and a file with no video', () => {
    assert.equal(probeRefusal({ width: 4096, height: 2160, durationSeconds: 600 }), null);
    assert.equal(probeRefusal({ width: 2160, height: 4096, durationSeconds: null }), null);
    assert.equal(probeRefusal({ width: 8192, height: 4320, durationSeconds: 160 }), 'too-many-pixels');
    assert.equal(probeRefusal({ width: 4097, height: 100, durationSeconds: 1 }), 'too-many-pixels');
    assert.equal(probeRefusal({ width: 320, height: 180, durationSeconds: 600.04 }), 'too-long');
    assert.equal(probeRefusal({ width: null, height: null, durationSeconds: 10 }), 'no-video');
  });
});
