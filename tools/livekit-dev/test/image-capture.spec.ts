// The stand-in's image output: which stills fall in a segment, the names LiveKit's INDEX suffix
// gives them, the request as livekit-server-sdk sends it, and a real JPEG cut by ffmpeg.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImageFileSuffix, ImageOutput, S3Upload } from 'livekit-server-sdk';
import { parseImageTarget } from '../src/egress.js';
import { captureFrame, capturesIn, imageObjectName } from '../src/image-capture.js';
import type { ImageTarget } from '../src/rooms.js';
import { realSegments } from '../../../functions/test/kit/media.js';

const target: ImageTarget = {
  auth: {
    kind: 's3-key',
    accessKey: 'GOOG1EKEY',
    endpoint: 'https://storage.googleapis.com',
    forcePathStyle: true,
    region: 'auto',
  },
  bucket: 'b',
  filenamePrefix: 'ingest/rec-1/poster',
  captureInterval: 60,
  width: 640,
  height: 360,
  suffix: 'INDEX',
};

describe('stand-in image output', () => {
  it('captures at 0, 60, 120 s of the recording, each in the segment that holds it', () => {
    assert.deepEqual(capturesIn(target, 0, 7), [{ index: 0, offsetS: 0 }]);
    assert.deepEqual(capturesIn(target, 7, 7), []);
    assert.deepEqual(capturesIn(target, 56, 7), [{ index: 1, offsetS: 4 }]);
    assert.deepEqual(capturesIn(target, 60, 7), [{ index: 1, offsetS: 0 }]);
    assert.deepEqual(
      capturesIn({ ...target, captureInterval: 3 }, 0, 7).map((c) => c.index),
      [0, 1, 2],
    );
    assert.equal(imageObjectName(target, 1, 0), 'ingest/rec-1/poster_00001.jpeg');
  });

  it('reads imageOutputs[0] as the SDK sends it, and refuses one without a bucket or interval', () => {
    const images = new ImageOutput({
      captureInterval: 60,
      width: 640,
      height: 360,
      filenamePrefix: 'ingest/rec-1/poster',
      filenameSuffix: ImageFileSuffix.IMAGE_SUFFIX_INDEX,
      // The form the functions send: Cloud Storage's XML API with an HMAC key (docs/production.md).
      output: {
        case: 's3',
        value: new S3Upload({
          bucket: 'b',
          accessKey: 'GOOG1EKEY',
          secret: 'hmac-secret',
          endpoint: 'https://storage.googleapis.com',
          region: 'auto',
          forcePathStyle: true,
        }),
      },
    });
    const req = JSON.parse(JSON.stringify({ imageOutputs: [images.toJson()] })) as Record<string, unknown>;
    assert.deepEqual(parseImageTarget(req, 'EG_1'), target);
    assert.equal(parseImageTarget({}, 'EG_1'), undefined);
    assert.throws(() => parseImageTarget({ imageOutputs: [{ captureInterval: 60 }] }, 'EG_1'), /bucket/);
    assert.throws(
      () => parseImageTarget({ imageOutputs: [{ captureInterval: 60, s3: { bucket: 'b', accessKey: 'k' } }] }, 'EG_1'),
      /s3 upload needs accessKey and secret/,
    );
    assert.throws(
      () => parseImageTarget({ imageOutputs: [{ captureInterval: 0, gcp: { bucket: 'b' } }] }, 'EG_1'),
      /captureInterval/,
    );
  });

  it('cuts a whole JPEG of the requested size from a segment', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'img-'));
    try {
      const seg = path.join(dir, 'seg.ts');
      fs.writeFileSync(seg, realSegments().files[0]!);
      const jpeg = await captureFrame('ffmpeg', seg, 0.2, target, path.join(dir, 'out.jpeg'));
      assert.deepEqual([jpeg[0], jpeg[1], jpeg.at(-2), jpeg.at(-1)], [0xff, 0xd8, 0xff, 0xd9]);
      const probe = execFileSync(
        'ffprobe',
        ['-v', 'error', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', '-'],
        { input: jpeg, encoding: 'utf8' },
      );
      assert.equal(probe.trim(), '640,360');
      assert.equal(fs.existsSync(path.join(dir, 'out.jpeg')), false, 'the temp file is removed');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
