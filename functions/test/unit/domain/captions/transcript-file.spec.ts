// The transcript as a file: text lines with their times, or WebVTT escaped like the rendition.
import assert from 'node:assert/strict';
import { transcriptClock, transcriptFile } from '../../../../src/domain/captions/transcript-file';

const cues = [
  { startMs: 1_000, endMs: 4_000, text: 'Aspirin after\nmyocardial infarction' },
  { startMs: 3_725_500, endMs: 3_727_000, text: 'a < b & c' },
];

describe('transcript file', () => {
  it('writes one line a cue with its time, under the title', () => {
    const file = transcriptFile('Cardio: week 1 / <b>', cues, 'txt');
    assert.equal(file.fileName, 'Cardio_ week 1 _ _b_.txt');
    assert.equal(file.contentType, 'text/plain');
    assert.equal(
      file.text,
      'Cardio: week 1 / <b>\n\n[0:01] Aspirin after myocardial infarction\n[1:02:05] a < b & c\n',
    );
  });

  it('writes WebVTT with the text escaped, so no cue carries markup', () => {
    const file = transcriptFile('Cardio', cues, 'vtt');
    assert.equal(file.fileName, 'Cardio.vtt');
    assert.match(file.text, /^WEBVTT\n\n00:00:01\.000 --> 00:00:04\.000\n/);
    assert.ok(file.text.includes('a &lt; b &amp; c'));
  });

  it('names a file even when the title has nothing usable', () => {
    assert.equal(transcriptFile('', cues, 'txt').fileName, 'transcript.txt');
    assert.equal(transcriptClock(59_999), '0:59');
  });
});
