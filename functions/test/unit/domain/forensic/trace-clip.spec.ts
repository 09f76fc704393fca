import assert from 'node:assert/strict';
import { clipRefusal, TRACE_CLIP_MAX_BYTES } from '../../../../src/domain/forensic/trace-clip';

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
    assert.equal(clipRefusal(0, undefined), 'empty', 'no body, no type: the missing clip is what to say');
    assert.equal(clipRefusal(TRACE_CLIP_MAX_BYTES, 'video/mp4'), null);
    assert.equal(clipRefusal(TRACE_CLIP_MAX_BYTES + 1, 'video/mp4'), 'too-large');
    assert.ok(TRACE_CLIP_MAX_BYTES < 32 * 1024 * 1024);
  });
});
