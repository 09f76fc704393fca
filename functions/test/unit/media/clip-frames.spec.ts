// A leaked clip decoded for the tracer through the one ffmpeg runner: a real segment gives 25 fps
// gray frames at the reference size; a file that is not a video is refused with ffmpeg's reason.
import assert from 'node:assert/strict';
import { REFERENCE_HEIGHT, REFERENCE_WIDTH } from '../../../src/domain/forensic/forensic-mark';
import { CLIP_FPS, decodeClipFrames, UnreadableClip } from '../../../src/media/clip-frames';
import { realSegments } from '../../kit/media';

describe('clip frames (media/clip-frames.ts)', function () {
  this.timeout(60_000);

  it('decodes a real segment to gray frames at the reference size, 25 a second', async () => {
    const [segment] = realSegments().files;
    const frames = await decodeClipFrames(segment!);
    assert.equal(frames.fps, CLIP_FPS);
    assert.equal(frames.startSeconds, 0);
    const frameBytes = REFERENCE_WIDTH * REFERENCE_HEIGHT;
    assert.equal(frames.pixels.length % frameBytes, 0);
    const count = frames.pixels.length / frameBytes;
    assert.ok(count >= 6 * CLIP_FPS && count <= 8 * CLIP_FPS, `${count} frames for a ~7 s segment`);
  });

  it('refuses a file that is not a video, saying what ffmpeg said', async () => {
    await assert.rejects(
      decodeClipFrames(Buffer.from('not a video at all '.repeat(200))),
      (error: unknown) => error instanceof UnreadableClip && /^not a video ffmpeg can read: .+/.test(error.message),
    );
  });
});
