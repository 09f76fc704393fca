// A leaked clip decoded for the tracer through the one ffmpeg runner: a real segment gives 25 fps
// gray frames at the reference size. Issue 26's attacks, each refused in our words before any
// decoding: a local-file HLS playlist sent as video/mp4 (ffmpeg is never started), a never-ending
// live playlist, an 8K "decode bomb", a clip over ten minutes; a decode past its budget is killed;
// and no ffmpeg child sees the function's secrets.
import assert from 'node:assert/strict';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REFERENCE_HEIGHT, REFERENCE_WIDTH } from '../../../src/domain/forensic/forensic-mark';
import { CLIP_FPS, decodeClipFrames, parseProbe, UnreadableClip } from '../../../src/media/clip-frames';
import { ffmpegOutput, FfmpegOverBudget, ffmpegPath, runFfmpeg } from '../../../src/media/ffmpeg';
import { decodeBomb, realSegments } from '../../kit/media';

const dir = mkdtempSync(path.join(tmpdir(), 'clip-attacks-'));

/** A clip made by the packaged ffmpeg from a lavfi source. */
function made(name: string, args: readonly string[]): Buffer {
  const file = path.join(dir, name);
  execFileSync(ffmpegPath(), ['-hide_banner', '-v', 'error', '-y', ...args, file]);
  return readFileSync(file);
}

/** Decodes, counting the ffmpeg children started; the refusal's reason and message, or 'decoded'. */
async function outcome(clip: Buffer, options: Parameters<typeof decodeClipFrames>[1] = {}) {
  const children: ChildProcess[] = [];
  const result = await decodeClipFrames(clip, { ...options, onStart: (child) => children.push(child) }).then(
    () => ({ reason: 'decoded', message: '' }),
    (error: unknown) => {
      assert.ok(error instanceof UnreadableClip, String(error));
      return { reason: error.reason, message: error.message };
    },
  );
  return { ...result, children };
}

/** Our words only: never ffmpeg's, never a path on the server. */
function assertOwnWords(message: string) {
  assert.doesNotMatch(message, /\/tmp|lv-clip|ffmpeg|Invalid data|moov|file:/i, message);
}

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

  it('reads MP4 and Matroska as well as MPEG-TS', async () => {
    const source = [
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=160x90:rate=25',
      '-t',
      '2',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
    ];
    for (const name of ['ok.mp4', 'ok.mkv', 'ok.webm']) {
      const clip = made(
        name,
        name.endsWith('webm') ? [...source.slice(0, 6), '-c:v', 'libvpx', '-deadline', 'realtime'] : source,
      );
      const { reason, children } = await outcome(clip);
      assert.equal(reason, 'decoded', name);
      assert.equal(children.length, 2, 'a probe, then the decode');
    }
  });

  it('refuses a local-file HLS playlist sent as a video without starting ffmpeg (no server file is read)', async () => {
    const serverFile = path.join(dir, 'server-secret.ts');
    writeFileSync(serverFile, realSegments().files[0]!);
    for (const playlist of [
      `#EXTM3U\n#EXT-X-TARGETDURATION:7\n#EXTINF:7,\nfile:${serverFile}\n#EXT-X-ENDLIST\n`,
      `#EXTM3U\n#EXT-X-TARGETDURATION:7\n#EXTINF:7,\n${serverFile}\n#EXTINF:7,\nhttp://169.254.169.254/computeMetadata/v1/\n`,
      `ffconcat version 1.0\nfile '${serverFile}'\n`,
      `ffconcat version 1.0\nfile '/etc/passwd'\n`,
      // The same playlist names a missing file: the answer must not tell the two apart.
      `#EXTM3U\n#EXT-X-TARGETDURATION:7\n#EXTINF:7,\nfile:${serverFile}.missing\n#EXT-X-ENDLIST\n`,
    ]) {
      const { reason, message, children } = await outcome(Buffer.from(playlist));
      assert.equal(reason, 'not-a-video', playlist);
      assert.equal(children.length, 0, 'ffmpeg never saw it');
      assertOwnWords(message);
    }
  });

  it('refuses a never-ending live playlist at once', async () => {
    const live = `#EXTM3U\n#EXT-X-TARGETDURATION:7\n#EXT-X-MEDIA-SEQUENCE:0\n${Array.from({ length: 40 }, (_, i) => `#EXTINF:7,\nhttp://127.0.0.1:9/live/${i}.ts\n`).join('')}`;
    const started = Date.now();
    const { reason, children } = await outcome(Buffer.from(live));
    assert.equal(reason, 'not-a-video');
    assert.equal(children.length, 0);
    assert.ok(Date.now() - started < 1_000);
  });

  it('refuses an 8K decode bomb after the probe, before any decoding', async () => {
    const bomb = decodeBomb(ffmpegPath());
    const { reason, message, children } = await outcome(bomb);
    assert.equal(reason, 'too-many-pixels');
    assert.match(message, /larger than 4096×2160/);
    assert.equal(children.length, 1, 'the probe only');
    assertOwnWords(message);
  });

  it('refuses a clip over ten minutes before any decoding, whichever container says so', async () => {
    for (const name of ['long.mkv', 'long.ts']) {
      const long = made(name, [
        '-f',
        'lavfi',
        '-i',
        'color=black:s=16x16:r=1',
        '-t',
        '660',
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
      ]);
      const { reason, message, children } = await outcome(long);
      assert.equal(reason, 'too-long', name);
      assert.match(message, /longer than 10 minutes/);
      assert.equal(children.length, 1, 'the probe only');
    }
  });

  it('refuses a clip whose tags flood the probe (its real stream line could be lost), before decoding', async () => {
    const flooded = made('tags.mkv', [
      ...['-f', 'lavfi', '-i', 'color=black:s=16x16:r=1', '-t', '1', '-c:v', 'libx264', '-preset', 'ultrafast'],
      // ffmpeg prints only the start of a long tag (~270 bytes here), so many tags: 300 of them.
      ...Array.from({ length: 300 }, (_, i) => [
        '-metadata',
        `tag${i}=${'Stream #0:0: Video: h264, 16x16 '.repeat(30)}`,
      ]).flat(),
    ]);
    const { reason, children } = await outcome(flooded);
    assert.equal(reason, 'not-a-video');
    assert.equal(children.length, 1, 'the probe only');
  });

  it('kills a decode past its wall-clock budget and says the clip is too costly', async () => {
    const [segment] = realSegments().files;
    const { reason, message, children } = await outcome(segment!, { decodeBudget: { wallMs: 1 } });
    assert.equal(reason, 'too-costly');
    assertOwnWords(message);
    const decode = children[1]!;
    assert.equal(decode.signalCode, 'SIGKILL', 'the child is gone, not left running');
  });

  it('stops ffmpeg at its CPU budget', async () => {
    const started = Date.now();
    await assert.rejects(
      ffmpegOutput(['-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=25', '-f', 'null', '-'], {
        budget: { cpuSeconds: 1, wallMs: 20_000 },
      }),
      (error: unknown) => error instanceof FfmpegOverBudget && /CPU/.test(error.message),
    );
    assert.ok(Date.now() - started < 10_000, 'stopped by the CPU limit, long before the wall clock');
  });

  it('spawns every ffmpeg child with a scrubbed environment: no secret reaches it', async () => {
    const secrets = {
      RECORDING_KEK: 'kek-that-must-not-leak',
      LIVEKIT_API_SECRET: 'lk-secret',
      GOOGLE_APPLICATION_CREDENTIALS: '/secret.json',
    };
    const saved = { ...process.env };
    Object.assign(process.env, secrets);
    try {
      const endless = ['-f', 'lavfi', '-i', 'nullsrc=size=16x16:rate=1', '-f', 'null', '-'];
      const streaming = runFfmpeg(endless, 0);
      let budgeted: ChildProcess | undefined;
      const output = ffmpegOutput(endless, {
        budget: { wallMs: 5_000, cpuSeconds: 5 },
        onStart: (c) => (budgeted = c),
      });
      for (const child of [streaming.child, budgeted!]) {
        const environ = await execEnvironment(child.pid!);
        for (const [name, value] of Object.entries(secrets)) {
          assert.ok(
            !environ.some((entry) => entry.startsWith(`${name}=`) || entry.includes(value)),
            `${name} reached ffmpeg`,
          );
        }
        assert.deepEqual(
          environ.map((entry) => entry.split('=')[0]).filter((name) => name !== 'PWD'),
          ['LC_ALL'],
        );
        child.kill('SIGKILL');
      }
      await Promise.allSettled([streaming.done, output]);
    } finally {
      for (const name of Object.keys(secrets)) if (!(name in saved)) delete process.env[name];
    }
  });

  it('reads the largest size and longest duration ffmpeg printed, never a tag posing as a stream', () => {
    const said = [
      'Input #0, matroska,webm, from …:',
      '  Metadata:',
      '    Stream #0:9: Video: h264, 16x16: a tag named like a stream',
      '      title           : ',
      '                      : Stream #0:0: Video: h264, 320x180',
      '  Duration: 00:02:40.00, start: 0.000000, bitrate: 209 kb/s',
      '    Stream #0:0(und): Video: h264 (High) (avc1 / 0x31637661), yuv420p, 8192x4320 [SAR 1:1 DAR 256:135], 25 fps',
    ].join('\n');
    assert.deepEqual(parseProbe(said), { width: 8192, height: 4320, durationSeconds: 160 });
    assert.deepEqual(parseProbe('At least one output file must be specified'), {
      width: null,
      height: null,
      durationSeconds: null,
    });
  });
});

/** The environment the process runs with once it is ffmpeg (before its exec, a child still shows ours). */
async function execEnvironment(pid: number): Promise<string[]> {
  for (let i = 0; i < 100; i++) {
    const exe = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (exe.split('\0')[0]!.endsWith('/ffmpeg'))
      return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`process ${pid} never became ffmpeg`);
}
