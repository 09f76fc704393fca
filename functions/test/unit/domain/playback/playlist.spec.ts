import assert from 'node:assert/strict';
import {
  compilePlaylist,
  confirmedSegments,
  durationsFromRawPlaylist,
  missingSegments,
  renderPlaylist,
  uploadGapOutcome,
} from '../../../../src/domain/playback/playlist';

const seg = (seq: number, durationSeconds = 7) => ({ seq, durationSeconds });
const uris = (text: string) => text.split('\n').filter((l) => l && !l.startsWith('#'));

describe('HLS playlists', () => {
  it('while recording: EVENT, no ENDLIST, only the unbroken run from segment 0', () => {
    const text = compilePlaylist({ segments: [seg(0), seg(1), seg(3)], ended: false, nominalSegmentSeconds: 7 });
    assert.match(text, /#EXT-X-PLAYLIST-TYPE:EVENT/);
    assert.doesNotMatch(text, /ENDLIST/);
    assert.deepEqual(uris(text), ['{{seg:0}}', '{{seg:1}}']);
  });

  it('when ready: VOD with ENDLIST, real durations, the key line once', () => {
    const text = compilePlaylist({
      segments: [seg(0), seg(1), seg(2, 3.52)],
      expectedCount: 3,
      ended: true,
      nominalSegmentSeconds: 7,
    });
    assert.equal(
      text,
      [
        '#EXTM3U',
        '#EXT-X-VERSION:3',
        '#EXT-X-TARGETDURATION:7',
        '#EXT-X-MEDIA-SEQUENCE:0',
        '#EXT-X-PLAYLIST-TYPE:VOD',
        '#EXT-X-INDEPENDENT-SEGMENTS',
        '#EXT-X-KEY:METHOD=AES-128,URI="{{key}}"',
        '#EXTINF:7.000,',
        '{{seg:0}}',
        '#EXTINF:7.000,',
        '{{seg:1}}',
        '#EXTINF:3.520,',
        '{{seg:2}}',
        '#EXT-X-ENDLIST',
        '',
      ].join('\n'),
    );
  });

  it('incomplete with a missing segment: a playable partial playlist with EXT-X-GAP', () => {
    const text = compilePlaylist({
      segments: [seg(0), seg(2)],
      expectedCount: 4,
      ended: true,
      nominalSegmentSeconds: 7,
    });
    const lines = text.split('\n');
    const gapAt = lines.indexOf('#EXT-X-GAP');
    assert.deepEqual(lines.slice(gapAt, gapAt + 3), ['#EXT-X-GAP', '#EXTINF:7.000,', '{{seg:1}}']);
    assert.equal(lines.filter((l) => l === '#EXT-X-GAP').length, 2, 'segments 1 and 3');
    assert.deepEqual(missingSegments([seg(0), seg(2)], 4), [1, 3]);
  });

  it('renders a compiled template with per-view URLs in one pass', () => {
    const template = compilePlaylist({ segments: [seg(0), seg(1)], ended: true, nominalSegmentSeconds: 7 });
    const text = renderPlaylist(template, 'https://x/key?s=1', (n) => `https://x/seg/${n}?sig=abc`);
    assert.match(text, /URI="https:\/\/x\/key\?s=1"/);
    assert.deepEqual(uris(text), ['https://x/seg/0?sig=abc', 'https://x/seg/1?sig=abc']);
    assert.doesNotMatch(text, /\{\{/);
  });

  it('reads segment durations from LiveKit’s playlist', () => {
    const raw =
      '#EXTM3U\n#EXT-X-PROGRAM-DATE-TIME:2026-11-24T09:00:00.000Z\n#EXTINF:7.000,\nseg_00000.ts\n#EXTINF:2.480,\nseg_00001.ts\n#EXT-X-ENDLIST\n';
    assert.deepEqual(
      [...durationsFromRawPlaylist(raw)],
      [
        [0, 7],
        [1, 2.48],
      ],
    );
  });

  it('lists confirmed segments only, each with its measured duration, else its stored one, else the nominal 7 s', () => {
    const docs = [
      { seq: 0, status: 'confirmed' as const, durationSeconds: 7 },
      { seq: 1, status: 'missing' as const },
      { seq: 2, status: 'confirmed' as const },
      { seq: 3, status: 'confirmed' as const, durationSeconds: 6.5 },
    ];
    assert.deepEqual(confirmedSegments(docs), [seg(0), seg(2), seg(3, 6.5)]);
    assert.deepEqual(confirmedSegments(docs, new Map([[3, 2.48]])), [seg(0), seg(2), seg(3, 2.48)]);
  });

  it('a ready recording with gaps ends incomplete for an upload gap; any other status is kept', () => {
    assert.deepEqual(uploadGapOutcome('ready', [1, 4]), {
      status: 'incomplete',
      reason: 'upload-gap',
      detail: '2 segment(s) missing: 1, 4.',
    });
    assert.equal(uploadGapOutcome('ready', []), undefined);
    assert.equal(uploadGapOutcome('incomplete', [1]), undefined);
    assert.equal(uploadGapOutcome('failed', [1]), undefined);
  });
});
