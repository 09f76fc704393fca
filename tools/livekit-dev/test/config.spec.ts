// The stand-in's options from its environment: defaults, and a clear error for a bad value.
import assert from 'node:assert/strict';
import { DEFAULT_VIDEO_SIZE, optionsFromEnv } from '../src/config.js';

describe('livekit-dev options from the environment', () => {
  it('records the default 640x360 unless LIVEKIT_DEV_VIDEO_SIZE says otherwise', () => {
    assert.equal(optionsFromEnv({}).videoSize, DEFAULT_VIDEO_SIZE);
    assert.equal(optionsFromEnv({ LIVEKIT_DEV_VIDEO_SIZE: '320x180' }).videoSize, '320x180');
  });

  it('refuses a size H.264 cannot take or that is not WxH', () => {
    for (const bad of ['321x180', '320', '0x0', '4096x2160', '320x180;rm']) {
      assert.throws(() => optionsFromEnv({ LIVEKIT_DEV_VIDEO_SIZE: bad }), /LIVEKIT_DEV_VIDEO_SIZE must be WxH/, bad);
    }
  });
});
