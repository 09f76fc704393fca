// Which ffmpeg the functions run: the system's (the Cloud Functions image's /usr/bin/ffmpeg, Debian's
// here), found on PATH or named by FFMPEG_PATH, always as an absolute path (children get no PATH).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ffmpegPath } from '../../../src/media/ffmpeg';

describe('the ffmpeg binary', () => {
  it("is the system's, found on PATH, as an absolute path; a maintained 4.4 or newer", () => {
    const found = ffmpegPath();
    assert.ok(path.isAbsolute(found), found);
    assert.ok(!found.includes('node_modules'), `${found}: no binary is shipped in node_modules`);
    const version = /^ffmpeg version (?:n)?(\d+)\.(\d+)/.exec(execFileSync(found, ['-version'], { encoding: 'utf8' }));
    assert.ok(version, 'ffmpeg -version names its version');
    const [major, minor] = [Number(version[1]), Number(version[2])];
    assert.ok(major > 4 || (major === 4 && minor >= 4), `ffmpeg ${major}.${minor}: the production image has 4.4`);
  });

  it('takes FFMPEG_PATH first, and looks through PATH in order', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ffmpeg-path-'));
    const fake = path.join(dir, 'ffmpeg');
    writeFileSync(fake, '#!/bin/sh\n');
    chmodSync(fake, 0o755);
    assert.equal(ffmpegPath({ PATH: `${dir}${path.delimiter}/usr/bin` }), fake);
    assert.equal(ffmpegPath({ PATH: '/usr/bin', FFMPEG_PATH: fake }), fake);
  });

  it('says what to install when there is none, and refuses a FFMPEG_PATH that is not executable', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'no-ffmpeg-'));
    assert.throws(() => ffmpegPath({ PATH: empty }), /no ffmpeg on PATH: install it/);
    const notExecutable = path.join(empty, 'ffmpeg');
    writeFileSync(notExecutable, 'text');
    assert.throws(() => ffmpegPath({ FFMPEG_PATH: notExecutable }), /is not an executable file/);
  });
});
