// The stand-in's options from its environment: defaults, and a clear error for a bad value.
import assert from 'node:assert/strict';
import { DEFAULT_VIDEO_SIZE, optionsFromEnv } from '../src/config.js';
import { ffmpegArgs } from '../src/segment-producer.js';

describe('livekit-dev options from the environment', () => {
  it("records LiveKit's default preset (1280x720, 30 fps) unless LIVEKIT_DEV_VIDEO_SIZE / _FPS say otherwise", () => {
    assert.equal(DEFAULT_VIDEO_SIZE, '1280x720');
    assert.equal(optionsFromEnv({}).videoSize, DEFAULT_VIDEO_SIZE);
    assert.equal(optionsFromEnv({}).fps, 30);
    const small = optionsFromEnv({ LIVEKIT_DEV_VIDEO_SIZE: '320x180', LIVEKIT_DEV_FPS: '25' });
    assert.deepEqual([small.videoSize, small.fps], ['320x180', 25]);
  });

  it('refuses a frame rate that is not a whole number of 1 to 60', () => {
    for (const bad of ['0.5', '61', '29.97']) {
      assert.throws(() => optionsFromEnv({ LIVEKIT_DEV_FPS: bad }), /LIVEKIT_DEV_FPS must be a whole number/, bad);
    }
  });

  it('refuses a size H.264 cannot take or that is not WxH', () => {
    for (const bad of ['321x180', '320', '0x0', '4096x2160', '320x180;rm']) {
      assert.throws(() => optionsFromEnv({ LIVEKIT_DEV_VIDEO_SIZE: bad }), /LIVEKIT_DEV_VIDEO_SIZE must be WxH/, bad);
    }
  });

  it("encodes the default preset at its 3,000 kbit/s, a keyframe at every segment's start", () => {
    const args = ffmpegArgs({
      ffmpegPath: 'ffmpeg',
      dir: '/tmp/x',
      segmentDuration: 7,
      speed: 1,
      videoSize: DEFAULT_VIDEO_SIZE,
      fps: 30,
      label: 'EG_test',
    });
    const after = (flag: string) => args[args.indexOf(flag) + 1];
    assert.match(args.join(' '), /testsrc2=size=1280x720:rate=30/);
    assert.deepEqual([after('-b:v'), after('-g'), after('-b:a')], ['3000k', '210', '128k']);
  });
});
