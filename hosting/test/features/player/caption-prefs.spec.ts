// The captions' pure parts in the web app: remembered choices (unknown stored values fall back),
// which transcript line follows playback, the transcript filter, the deep link's start, and the
// editor's cue times.
import assert from 'node:assert/strict';
import {
  currentCueIndex,
  filterCues,
  readCaptionPrefs,
  startFromHash,
  writeCaptionPrefs,
} from '../../../src/features/player/caption-prefs';
import { cuesOfDraft, formatCueTime, parseCueTime } from '../../../src/features/captions/caption-edit-derive';
import { parseHash } from '../../../src/app/routes';

describe('caption choices and transcript', () => {
  it('remembers the choices; a stored value it does not know falls back to the default', () => {
    const items = new Map<string, string>();
    const storage = {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
    };
    assert.deepEqual(readCaptionPrefs(storage), { on: false, size: 'medium', background: 'solid' });
    writeCaptionPrefs({ on: true, size: 'large', background: 'outline' }, storage);
    assert.deepEqual(readCaptionPrefs(storage), { on: true, size: 'large', background: 'outline' });
    items.set('lv.captions', '{"on":"yes","size":"huge","background":"outline"}');
    assert.deepEqual(readCaptionPrefs(storage), { on: false, size: 'medium', background: 'outline' });
    items.set('lv.captions', 'not json');
    assert.equal(readCaptionPrefs(storage).size, 'medium');
  });

  it('follows the last cue started, filters lines folding case and accents', () => {
    const cues = [
      { startMs: 1000, text: 'Aspirin' },
      { startMs: 5000, text: 'Héparin drip' },
      { startMs: 9000, text: 'Questions' },
    ];
    assert.deepEqual(
      [0.5, 1, 4.9, 5, 100].map((s) => currentCueIndex(cues, s)),
      [-1, 0, 0, 1, 2],
    );
    assert.deepEqual(
      filterCues(cues, ' HEPARIN ').map((m) => m.index),
      [1],
    );
    assert.equal(filterCues(cues, '').length, 3);
  });

  it('a deep link starts at ?t= and still routes to the watch page', () => {
    assert.equal(startFromHash('#/watch/rec-1?t=95'), 95);
    assert.equal(startFromHash('#/watch/rec-1'), null);
    assert.equal(startFromHash('#/watch/rec-1?t=abc'), null);
    assert.deepEqual(parseHash('#/watch/rec-1?t=95'), { name: 'watch', recordingId: 'rec-1' });
  });

  it('the editor reads times as people type them and names the cue that is wrong', () => {
    assert.deepEqual(['1:02.5', '01:02:03.250', '62', '0:05,1'].map(parseCueTime), [62_500, 3_723_250, 62_000, 5_100]);
    assert.equal(parseCueTime('1:75.000'), null);
    assert.equal(formatCueTime(3_723_250), '1:02:03.250');
    assert.equal(formatCueTime(62_500), '1:02.500');
    assert.deepEqual(cuesOfDraft([{ start: '0:01', end: '0:02', text: 'a' }]), {
      cues: [{ startMs: 1000, endMs: 2000, text: 'a' }],
    });
    assert.deepEqual(
      cuesOfDraft([
        { start: '0:01', end: '0:02', text: 'a' },
        { start: '0:05', end: '0:04', text: 'b' },
      ]),
      {
        problem: 'Cue 2: it must end after it starts.',
      },
    );
  });
});
