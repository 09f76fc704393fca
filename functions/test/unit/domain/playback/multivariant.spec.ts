// The multivariant playlist and the rungs' media playlists against an independent RFC 8216 parser
// (hls-parser) and our own rules: the attributes a player chooses by, the version no higher than
// the tags need, EVENT and VOD as §6.2.1 has them, and the gaps a rung has of its own.
import assert from 'node:assert/strict';
import * as HLS from 'hls-parser';
import { multivariantPlaylist, SUBTITLE_GROUP } from '../../../../src/domain/playback/multivariant';
import {
  asEventPlaylist,
  compilePlaylist,
  renderPlaylist,
  rungTemplate,
} from '../../../../src/domain/playback/playlist';

const variants = [
  {
    uri: 'rungs/r360.m3u8',
    bandwidth: 750_000,
    averageBandwidth: 640_000,
    resolution: { width: 640, height: 360 },
    codecs: ['avc1.64001e', 'mp4a.40.2'],
    frameRate: 30,
  },
  {
    uri: 'playlist.m3u8',
    bandwidth: 3_400_000,
    averageBandwidth: 3_050_000,
    resolution: { width: 1280, height: 720 },
    codecs: ['avc1.64001f', 'mp4a.40.2'],
    frameRate: 30,
  },
  { uri: 'rungs/audio.m3u8', bandwidth: 72_000, averageBandwidth: 68_000, codecs: ['mp4a.40.2'] },
];

/** Our own rules for every playlist we serve, beyond what the parser checks. */
function assertOurRules(text: string): void {
  assert.ok(text.startsWith('#EXTM3U\n'), 'starts with EXTM3U');
  assert.ok(text.endsWith('\n'), 'ends with a line break');
  assert.doesNotMatch(text, /\r/, 'LF line ends only');
  assert.doesNotMatch(text, /\n\n/, 'no blank lines');
  const version = Number(/#EXT-X-VERSION:(\d+)/.exec(text)?.[1] ?? 1);
  // RFC 8216 §7: decimal EXTINF durations need 3; EXT-X-GAP (RFC 8216bis) 8; nothing else we write needs any.
  const needed = /#EXT-X-GAP/.test(text) ? 8 : /#EXTINF:\d+\.\d/.test(text) ? 3 : 1;
  assert.equal(version, needed, `EXT-X-VERSION ${version}, its tags need ${needed}`);
}

describe('playlists of the ladder (RFC 8216)', () => {
  it('a multivariant playlist a parser reads back attribute for attribute, audio only as its own variant', () => {
    const text = multivariantPlaylist(variants);
    assertOurRules(text);
    const parsed = HLS.parse(text) as HLS.types.MasterPlaylist;
    assert.equal(parsed.isMasterPlaylist, true);
    assert.deepEqual(
      parsed.variants.map((v) => [v.uri, v.bandwidth, v.averageBandwidth, v.resolution, v.codecs, v.frameRate]),
      [
        ['rungs/r360.m3u8', 750_000, 640_000, { width: 640, height: 360 }, 'avc1.64001e,mp4a.40.2', 30],
        ['playlist.m3u8', 3_400_000, 3_050_000, { width: 1280, height: 720 }, 'avc1.64001f,mp4a.40.2', 30],
        ['rungs/audio.m3u8', 72_000, 68_000, undefined, 'mp4a.40.2', undefined],
      ],
    );
    assert.equal(parsed.independentSegments, true);
  });

  it('subtitle renditions in one group every variant names', () => {
    const text = multivariantPlaylist(variants.slice(0, 1), [
      { name: 'English', language: 'en', uri: 'captions/en.m3u8', default: true },
    ]);
    assertOurRules(text);
    const parsed = HLS.parse(text) as HLS.types.MasterPlaylist;
    const [variant] = parsed.variants;
    assert.equal(variant!.subtitles.length, 1);
    assert.deepEqual(
      [variant!.subtitles[0]!.groupId, variant!.subtitles[0]!.language, variant!.subtitles[0]!.autoselect],
      [SUBTITLE_GROUP, 'en', true],
    );
  });

  it('refuses what a playlist cannot carry', () => {
    assert.throws(() => multivariantPlaylist([]), /at least one variant/);
    assert.throws(() => multivariantPlaylist([{ ...variants[0]!, uri: 'a\n#EXT-X-ENDLIST' }]), /one line/);
    assert.throws(() => multivariantPlaylist([{ ...variants[0]!, codecs: ['avc1"'] }]), /not allowed/);
    assert.throws(() => multivariantPlaylist([{ ...variants[0]!, bandwidth: 0 }]), /positive/);
  });

  it('media playlists: EVENT grows without ENDLIST, VOD ends with it; a rung’s own gaps keep every sequence number', () => {
    const seg = (seq: number, durationSeconds = 7) => ({ seq, durationSeconds });
    const event = compilePlaylist({ segments: [seg(0), seg(1)], ended: false, nominalSegmentSeconds: 7 });
    const vod = compilePlaylist({
      segments: [seg(0), seg(1), seg(3, 3.5)],
      expectedCount: 4,
      ended: true,
      nominalSegmentSeconds: 7,
    });
    const rung = rungTemplate(vod, [1, 2]);
    const render = (t: string) => renderPlaylist(t, '../key', (seq) => `../seg/${seq}.r360.ts?exp=1&sig=x`);
    for (const text of [event, vod, rung].map(render)) {
      assertOurRules(text);
      const parsed = HLS.parse(text) as HLS.types.MediaPlaylist;
      assert.equal(parsed.isMasterPlaylist, false);
      assert.equal(parsed.mediaSequenceBase, 0);
      assert.equal(parsed.segments[0]!.key!.method, 'AES-128');
      assert.ok(parsed.segments.every((s) => s.duration <= parsed.targetDuration));
    }
    assert.doesNotMatch(event, /ENDLIST/);
    assert.match(event, /#EXT-X-PLAYLIST-TYPE:EVENT/);
    assert.match(vod, /#EXT-X-PLAYLIST-TYPE:VOD\n[\s\S]*#EXT-X-ENDLIST\n$/);
    // Seen live, then finished: still EVENT, now ended, every earlier line kept.
    const ended = asEventPlaylist(vod);
    assertOurRules(render(ended));
    assert.match(ended, /#EXT-X-PLAYLIST-TYPE:EVENT\n[\s\S]*#EXT-X-ENDLIST\n$/);
    assert.equal((HLS.parse(render(ended)) as HLS.types.MediaPlaylist).playlistType, 'EVENT');
    // Segment 2 was already a gap (never confirmed); 1 is the rung's own; neither twice.
    assert.equal((rung.match(/#EXT-X-GAP/g) ?? []).length, 2);
    assert.equal(rungTemplate(rung, [1, 2]), rung);
    assert.deepEqual(
      render(rung)
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .map((u) => u.split('?')[0]),
      ['../seg/0.r360.ts', '../seg/1.r360.ts', '../seg/2.r360.ts', '../seg/3.r360.ts'],
    );
  });
});
