// The cue builder: every word once and in order, two lines of 42 characters at most, a new cue at
// a pause, a sentence end or 7 s, balanced lines.
import assert from 'node:assert/strict';
import {
  CAPTION_LINE_CHARS,
  CAPTION_MAX_MS,
  buildCaptionCues,
  wrapCaption,
  type TimedWord,
} from '../../../../src/domain/captions/caption-cues';

/** Words spoken back to back, `ms` each, with `gapMs` before the word at each index in `pauses`. */
function speak(text: string, ms = 300, pauses: Record<number, number> = {}): TimedWord[] {
  let at = 0;
  return text.split(' ').map((word, i) => {
    at += pauses[i] ?? 0;
    const timed = { text: word, startMs: at, endMs: at + ms - 50 };
    at += ms;
    return timed;
  });
}

describe('caption cues', () => {
  it('keeps every word once, in order, within two balanced lines of 42 characters and 7 s', () => {
    const words = speak(
      'percutaneous coronary intervention restores blood flow to the heart muscle within ninety minutes of the first medical contact in most centres of the region today',
    );
    const cues = buildCaptionCues(words);
    assert.deepEqual(
      cues.flatMap((c) => c.text.split(/\s+/)),
      words.map((w) => w.text),
    );
    for (const cue of cues) {
      const lines = cue.text.split('\n');
      assert.ok(lines.length <= 2 && lines.every((l) => l.length <= CAPTION_LINE_CHARS), cue.text);
      assert.ok(cue.endMs - cue.startMs <= CAPTION_MAX_MS, `${cue.endMs - cue.startMs} ms`);
    }
    assert.ok(cues.length >= 2);
  });

  it('starts a new cue after a pause and after a sentence end, not in between', () => {
    const paused = buildCaptionCues(speak('we give aspirin and heparin', 300, { 3: 800 }));
    assert.deepEqual(
      paused.map((c) => c.text),
      ['we give aspirin', 'and heparin'],
    );
    const sentences = buildCaptionCues(speak('Check the troponin. Then repeat it.'));
    assert.deepEqual(
      sentences.map((c) => c.text),
      ['Check the troponin.', 'Then repeat it.'],
    );
  });

  it('keeps a short cue up for a second unless the next one starts sooner, and never overlaps', () => {
    const [first, second] = buildCaptionCues([
      { text: 'Yes.', startMs: 1000, endMs: 1200 },
      { text: 'No.', startMs: 1700, endMs: 1900 },
    ]);
    assert.deepEqual([first!.startMs, first!.endMs], [1000, 1700]);
    assert.deepEqual([second!.startMs, second!.endMs], [1700, 2700]);
  });

  it('splits two lines where the longer is shortest, and refuses three lines', () => {
    assert.deepEqual(wrapCaption('the patient presents with chest pain and shortness of breath'.split(' ')), [
      'the patient presents with chest',
      'pain and shortness of breath',
    ]);
    assert.equal(wrapCaption(Array(30).fill('word')), null);
    assert.deepEqual(buildCaptionCues([]), []);
  });
});
