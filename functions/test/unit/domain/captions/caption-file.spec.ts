import assert from 'node:assert/strict';
import {
  CaptionFileError,
  checkCues,
  parseCaptionFile,
  plainCueText,
  toWebVtt,
} from '../../../../src/domain/captions/caption-file';
import { firstPts } from '../../../../src/domain/captions/mpegts-start';
import { momentsOf, wordsOfCues } from '../../../../src/domain/captions/transcript-search';
import { multivariantPlaylist, subtitleMediaPlaylist } from '../../../../src/domain/playback/multivariant';

const refused = (text: string, message: RegExp) =>
  assert.throws(
    () => parseCaptionFile(text),
    (e: unknown) => e instanceof CaptionFileError && message.test(e.message),
  );

describe('caption files', () => {
  it('reads WebVTT: header, NOTE/STYLE blocks, cue ids, settings, hours optional', () => {
    const cues = parseCaptionFile(
      '\uFEFFWEBVTT - lecture\r\nKind: captions\r\n\r\nNOTE a note\r\n\r\nSTYLE\r\n::cue { color: red }\r\n\r\n' +
        'intro\r\n00:01.000 --> 00:04.500 align:start line:0\r\n<v Dr. Ada>Myocardial <b>infarction</b></v>\r\n\r\n' +
        '01:00:00.000 --> 01:00:02.000\r\nTwo\r\nlines\r\n',
    );
    assert.deepEqual(cues, [
      { startMs: 1000, endMs: 4500, text: 'Myocardial infarction' },
      { startMs: 3_600_000, endMs: 3_602_000, text: 'Two\nlines' },
    ]);
  });

  it('reads SRT (comma milliseconds), sorting cues by start', () => {
    const cues = parseCaptionFile(
      '2\n00:00:05,000 --> 00:00:06,000\nsecond\n\n1\n00:00:01,000 --> 00:00:02,000\n<font color="red">first</font>\n',
    );
    assert.deepEqual(
      cues.map((c) => [c.startMs, c.text]),
      [
        [1000, 'first'],
        [5000, 'second'],
      ],
    );
  });

  it('strips hostile markup: tags, encoded tags, handlers, control characters; only text is kept', () => {
    const cues = parseCaptionFile(
      'WEBVTT\n\n00:00.000 --> 00:01.000\n<script>alert(1)</script><img src=x onerror=alert(2)>' +
        '&lt;iframe src=javascript:alert(3)&gt;ok &amp; fine&#0;&#x202E;\u0007 --&gt; end\n',
    );
    assert.equal(cues.length, 1);
    assert.equal(cues[0]!.text, 'alert(1)ok & fine --> end');
    // Out again: & < > escaped, so a cue can neither hold markup nor end early with "-->".
    assert.equal(
      toWebVtt([{ startMs: 0, endMs: 1000, text: 'a < b && c --> d' }]).split('\n')[3],
      'a &lt; b &amp;&amp; c --&gt; d',
    );
    assert.equal(plainCueText('<c.yellow>x</c> <00:00:01.000>y'), 'x y');
  });

  it('refuses bad files with the line that is wrong', () => {
    refused('hello world', /neither WebVTT .* nor SRT/);
    refused('WEBVTT\n\n00:00.000 --> 00:61.000\nbad seconds\n', /Line 3: .* not a valid cue timing/);
    refused('WEBVTT\n\n00:05.000 --> 00:04.000\nbackwards\n', /Cue 1: it must end after it starts/);
    refused('WEBVTT\n\n25:00:00.000 --> 25:00:01.000\nlate\n', /after 24 hours/);
    refused('WEBVTT\n\njust text\n', /Line 3: expected a cue timing/);
    refused('WEBVTT\n', /no cues/);
    refused(`WEBVTT\n\n00:00.000 --> 00:01.000\n${'x'.repeat(501)}\n`, /longer than 500/);
    refused('WEBVTT\n\n' + 'x'.repeat(600 * 1024), /larger than 512 KB/);
    const many = Array.from({ length: 10_001 }, (_, i) => ({ startMs: i, endMs: i + 1, text: 'a' }));
    assert.throws(() => checkCues(many), /At most 10000 cues/);
  });

  it('writes WebVTT with the X-TIMESTAMP-MAP that pins cue time 0 to the first video timestamp', () => {
    assert.equal(
      toWebVtt([{ startMs: 61_500, endMs: 3_723_004, text: 'hi' }], { mpegts: 126000 }),
      'WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:126000,LOCAL:00:00:00.000\n\n00:01:01.500 --> 01:02:03.004\nhi\n',
    );
  });
});

describe('MPEG-TS first timestamp', () => {
  it('reads the lowest PTS of the first PES packet of each stream', () => {
    const packet = (pid: number, pts: number) => {
      const p = new Uint8Array(188).fill(0xff);
      p.set([0x47, 0x40 | (pid >> 8), pid & 0xff, 0x10, 0, 0, 1, 0xe0, 0, 0, 0x80, 0x80, 5]);
      p[13] = 0x21 | (Math.floor(pts / 2 ** 30) << 1);
      p[14] = Math.floor(pts / 2 ** 22) & 0xff;
      p[15] = ((Math.floor(pts / 2 ** 15) & 0x7f) << 1) | 1;
      p[16] = Math.floor(pts / 2 ** 7) & 0xff;
      p[17] = ((pts & 0x7f) << 1) | 1;
      return p;
    };
    const ts = new Uint8Array([...packet(256, 129_600), ...packet(257, 126_000), ...packet(256, 90_000)]);
    assert.equal(firstPts(ts), 126_000);
    assert.equal(firstPts(new Uint8Array(400)), null);
  });
});

describe('transcript search', () => {
  const cues = [
    { startMs: 0, endMs: 2000, text: 'Aspirin after myocardial infarction' },
    { startMs: 2000, endMs: 4000, text: 'Héparin, then aspirin again' },
  ];
  it('indexes folded whole words and finds the moments holding every word', () => {
    assert.deepEqual(wordsOfCues(cues), ['aspirin', 'after', 'myocardial', 'infarction', 'heparin', 'then', 'again']);
    assert.deepEqual(
      momentsOf(cues, ['aspirin']).map((m) => m.startMs),
      [0, 2000],
    );
    assert.deepEqual(
      momentsOf(cues, ['heparin', 'aspirin']).map((m) => m.startMs),
      [2000],
    );
  });
});

describe('playlists with subtitles', () => {
  it('names the subtitle group from every variant, descriptions not auto-selected', () => {
    const text = multivariantPlaylist(
      [{ uri: 'playlist.m3u8', bandwidth: 812_345.6 }],
      [
        { uri: 'subs/en/playlist.m3u8', language: 'en', name: 'English', autoselect: true },
        {
          uri: 'subs/en_descriptions/playlist.m3u8',
          language: 'en',
          name: 'English (descriptions)',
          descriptions: true,
        },
      ],
    );
    assert.equal(
      text,
      [
        '#EXTM3U',
        '#EXT-X-INDEPENDENT-SEGMENTS',
        '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English",LANGUAGE="en",DEFAULT=NO,AUTOSELECT=YES,URI="subs/en/playlist.m3u8"',
        '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English (descriptions)",LANGUAGE="en",DEFAULT=NO,AUTOSELECT=NO,CHARACTERISTICS="public.accessibility.describes-video",URI="subs/en_descriptions/playlist.m3u8"',
        '#EXT-X-STREAM-INF:BANDWIDTH=812346,SUBTITLES="subs"',
        'playlist.m3u8',
        '',
      ].join('\n'),
    );
    assert.doesNotMatch(multivariantPlaylist([{ uri: 'p.m3u8', bandwidth: 1 }]), /SUBTITLES/);
    assert.throws(() => multivariantPlaylist([{ uri: 'p.m3u8', bandwidth: 1 }], [{ uri: 's', name: 'a "b"' }]));
  });

  it('a subtitle media playlist is one WebVTT segment spanning the recording', () => {
    const text = subtitleMediaPlaylist(20.5, 'cues.vtt?exp=1&sig=x');
    assert.match(text, /#EXT-X-TARGETDURATION:21\n/);
    assert.match(text, /#EXTINF:20\.500,\ncues\.vtt\?exp=1&sig=x\n#EXT-X-ENDLIST\n$/);
  });
});
