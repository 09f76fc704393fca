// The one ffmpeg run per marked segment: its arguments (the timing options that let a player mix A
// and B), its encoder rate, and the packaged binary run for real on a real segment and on garbage.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { existsSync } from 'node:fs';
import { REFERENCE_FPS, REFERENCE_FRAME_BYTES, variantFilterGraph } from '../../../src/domain/forensic/forensic-mark';
import { FfmpegFailed, ffmpegPath } from '../../../src/media/ffmpeg';
import { forensicVariants, variantArgs, variantBitrate } from '../../../src/media/forensic-variants';
import { realSegments } from '../../kit/media';

const drain = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

describe('forensic variants (media/forensic-variants.ts)', function () {
  this.timeout(60_000);

  it('reads stdin once and writes A to fd 3, B to fd 4 and the raw reference to fd 5, keeping the timestamps', () => {
    const args = variantArgs(700_000);
    assert.deepEqual(args.slice(0, 6), ['-f', 'mpegts', '-i', 'pipe:0', '-filter_complex', variantFilterGraph()]);
    const output = (fd: number) => args.slice(args.lastIndexOf(`pipe:${fd - 1}`) + 1, args.indexOf(`pipe:${fd}`) + 1);
    for (const [label, fd] of [
      ['va', 3],
      ['vb', 4],
    ] as const) {
      const o = fd === 3 ? args.slice(6, args.indexOf('pipe:3') + 1) : output(fd);
      assert.deepEqual(o.slice(0, 4), ['-map', `[${label}]`, '-map', '0:a?']);
      for (const [flag, value] of [
        ['-c:v', 'libx264'],
        ['-b:v', '700000'],
        ['-maxrate', '700000'],
        ['-bufsize', '1400000'],
        ['-bf', '0'],
        ['-vsync', 'passthrough'],
        ['-c:a', 'copy'],
        ['-muxpreload', '0'],
        ['-mpegts_copyts', '1'], // the muxer's delay never shifts a timestamp
        ['-f', 'mpegts'],
      ])
        assert.equal(o[o.indexOf(flag) + 1], value, `${label} ${flag}`);
      assert.ok(o.includes('-copyts'), `${label} keeps the input timestamps`);
    }
    assert.deepEqual(args.slice(-5), ['-map', '[ref]', '-f', 'rawvideo', 'pipe:5']);
  });

  it('encodes at 85 % of the source’s rate, with a floor for a tiny chunk', () => {
    assert.equal(variantBitrate(1_000_000, 8), 850_000);
    assert.equal(variantBitrate(1_000, 7), 200_000);
    assert.equal(variantBitrate(1_000_000, 0), 6_800_000); // no duration known: per second of nothing is 1 s
  });

  it('runs the packaged binary: a real segment gives two different variants and 35 reference frames', async () => {
    assert.ok(existsSync(ffmpegPath()), ffmpegPath());
    const [segment] = realSegments().files;
    const run = forensicVariants(Readable.from([segment!]), segment!.length, 7);
    const [a, b, ref] = await Promise.all([drain(run.a), drain(run.b), drain(run.ref), run.done]);
    assert.equal(a[0], 0x47, 'A is MPEG-TS');
    assert.equal(b[0], 0x47, 'B is MPEG-TS');
    assert.ok(!a.equals(b));
    assert.equal(ref.length, 7 * REFERENCE_FPS * REFERENCE_FRAME_BYTES);
  });

  it('fails with ffmpeg’s own reason on input that is not video', async () => {
    const run = forensicVariants(Readable.from([Buffer.from('not a video '.repeat(1000))]), 12_000, 7);
    const outputs = Promise.all([drain(run.a), drain(run.b), drain(run.ref)]);
    await assert.rejects(
      run.done,
      (error: unknown) => error instanceof FfmpegFailed && /exited with 1: .+/.test(error.message),
    );
    await outputs; // every output ends: nothing waits on a pipe
  });
});
