// The adaptive ladder (issue 27): which renditions ingest makes of a segment besides the source,
// and how each is named, sized, encoded and described to a player. Pure: ingest plans a segment's
// ladder from what ffprobe found in it; delivery reads the same names back. The rungs and their
// reasons are in docs/adaptive-ladder.md.

/** Which ladder an admin picks for new recordings; a recording keeps the one it started with. */
export type LadderSetting = 'full' | 'source-only';
export const LADDER_SETTINGS: readonly LadderSetting[] = ['full', 'source-only'];
export const isLadderSetting = (value: unknown): value is LadderSetting =>
  typeof value === 'string' && (LADDER_SETTINGS as readonly string[]).includes(value);

/** A lower video rung's name (`r360`) or the audio-only rung's. The source rung has no name of its own. */
export type RungName = `r${number}` | 'audio';
export const AUDIO_RUNG = 'audio' as const;

/** A rung name as it appears in a segment's file name; anything else is not a rung. */
export const isRungName = (value: string): value is RungName => value === AUDIO_RUNG || /^r\d{3,4}$/.test(value);

/**
 * The lower video rungs a source may get, tallest first: heights and video bitrates from Apple's
 * HLS authoring specification (16:9 ladder: 1280×720 at 3 Mbit/s, 960×540 at 2 Mbit/s, 640×360 at
 * 365 kbit/s, 416×234 at 145 kbit/s), 540p and 360p set between Apple's neighbouring rungs because
 * a lecture's slides need legible text more than a film does. 234p at 145 kbit/s is Apple's lowest.
 */
export const LOWER_RUNGS: readonly { height: number; videoBitrate: number }[] = [
  { height: 720, videoBitrate: 3_000_000 },
  { height: 540, videoBitrate: 1_500_000 },
  { height: 360, videoBitrate: 600_000 },
  { height: 234, videoBitrate: 145_000 },
];

/**
 * A lower rung's video bitrate is at most this share of the source's, so it always saves at least
 * 40 % (a 720p source at 1 Mbit/s gets 540p at 600 kbit/s, not at a candidate's 1.5 Mbit/s).
 */
export const MAX_RUNG_SHARE = 0.6;

/** The audio-only rung: AAC-LC at 64 kbit/s (Apple's cellular rule asks for one stream at ≤ 192 kbit/s). */
export const AUDIO_RUNG_BITRATE = 64_000;
export const AAC_LC_CODEC = 'mp4a.40.2';

/** What ffprobe found in a raw segment. */
export interface SourceFacts {
  width: number;
  height: number;
  /** Frames per second (avg_frame_rate). */
  fps: number;
  hasAudio: boolean;
  /** RFC 6381 codec strings of the source's video and audio, when ffprobe could tell them. */
  videoCodec?: string;
  audioCodec?: string;
}

/** One lower rung of a segment's ladder, as ingest encodes it. */
export interface VideoRungPlan {
  name: RungName;
  width: number;
  height: number;
  videoBitrate: number;
  /** The H.264 level it is encoded at, so its CODECS string is known before the encode. */
  level: H264Level;
}

export interface LadderPlan {
  source: SourceFacts;
  /** The level a marked source rung is re-encoded at (High profile, like every rung we encode). */
  sourceLevel: H264Level;
  /** Lower video rungs, tallest first; never one as tall as the source or taller. */
  rungs: VideoRungPlan[];
  /** An audio-only rung (when the source has audio). */
  audio: boolean;
  /**
   * False leaves a marked source rung's A and B out of the run (its reference stays): ingest always
   * makes them; a test of a lower rung alone does not need them, and they are half the run's work.
   */
  markedSource?: false;
}

/** x264 levels we encode at: 3.0 up to 360p30, 3.1 up to 720p30, 4.0 above. */
export type H264Level = '3.0' | '3.1' | '4.0';

export function levelFor(width: number, height: number, fps: number): H264Level {
  const macroblocksPerSecond = Math.ceil(width / 16) * Math.ceil(height / 16) * Math.max(1, fps);
  if (macroblocksPerSecond <= 40_500) return '3.0';
  if (macroblocksPerSecond <= 108_000) return '3.1';
  return '4.0';
}

/** The RFC 6381 string of a High-profile H.264 stream at `level` (what our encodes are). */
export const highProfileCodec = (level: H264Level): string =>
  `avc1.6400${Number(level.replace('.', '')).toString(16).padStart(2, '0')}`;

/** An even width for `height` at the source's aspect ratio (H.264 with 4:2:0 needs even sizes). */
const evenWidth = (source: SourceFacts, height: number): number =>
  Math.max(2, Math.round((source.width * height) / source.height / 2) * 2);

/** A rung is at most this share of the source's height: never an upscale, never a near copy (720p of 768p). */
export const MAX_HEIGHT_SHARE = 0.8;

/** No rung is encoded below this, whatever the source's bitrate (a still slide, a short last segment). */
export const MIN_RUNG_BITRATE = 64_000;

/**
 * The ladder for a segment: every candidate at most MAX_HEIGHT_SHARE of the source's height, at its own
 * bitrate or MAX_RUNG_SHARE of the source's if that is lower, plus audio-only when there is audio.
 * Which rungs a segment gets depends on the picture size alone, never on the bitrate: every segment
 * of a recording has the same rungs, so a still slide's cheap segment leaves no hole in a rung.
 * `sourceBitrate` is the raw segment's bytes over its length.
 */
export function planLadder(source: SourceFacts, sourceBitrate: number): LadderPlan {
  const rungs = LOWER_RUNGS.filter((c) => c.height <= source.height * MAX_HEIGHT_SHARE).map((c): VideoRungPlan => {
    const width = evenWidth(source, c.height);
    return {
      name: `r${c.height}`,
      width,
      height: c.height,
      videoBitrate: Math.round(Math.max(MIN_RUNG_BITRATE, Math.min(c.videoBitrate, sourceBitrate * MAX_RUNG_SHARE))),
      level: levelFor(width, c.height, source.fps),
    };
  });
  return { source, sourceLevel: levelFor(source.width, source.height, source.fps), rungs, audio: source.hasAudio };
}

/** RFC 6381 codec string of ffprobe's H.264 profile name and level (e.g. High, 31 → avc1.64001f). */
export function avcCodecString(profile: string | undefined, level: number | undefined): string | undefined {
  const profileIdc: Record<string, string> = {
    'Constrained Baseline': '42e0',
    Baseline: '4200',
    Main: '4d00',
    High: '6400',
  };
  const idc = profile ? profileIdc[profile] : undefined;
  if (!idc || !level || level < 1 || level > 255) return undefined;
  return `avc1.${idc}${level.toString(16).padStart(2, '0')}`;
}

/** One rung as a segment doc records it (the source rung is the segment itself). */
export interface SegmentRungFacts {
  name: RungName;
  /** Absent for the audio-only rung. */
  width?: number;
  height?: number;
  codecs: string[];
  /** Bytes of one copy (the mean of A and B for a marked video rung). */
  copyBytes: number;
}

/** What a playlist needs of one confirmed segment to measure the ladder. */
export interface LadderSegment {
  seq: number;
  durationSeconds: number;
  /** Bytes of one copy of the source rung. */
  sourceCopyBytes: number;
  /** What ffprobe found, when the segment was laddered. */
  source?: SourceFacts;
  rungs?: readonly SegmentRungFacts[];
}

/** A rung of a recording as a multivariant playlist describes it. */
export interface RungSummary {
  /** 'source' for the top rung (delivered as today's playlist.m3u8). */
  name: RungName | 'source';
  width?: number;
  height?: number;
  fps?: number;
  codecs?: string[];
  /** Highest segment bit rate, bits/s. */
  peakBps: number;
  /** Total bits over total seconds. */
  averageBps: number;
  /** Confirmed segments this rung lacks (its media playlist lists them as gaps). */
  absent: number[];
}

/**
 * The recording's rungs measured from its stored segments: sizes and codecs from the last segment
 * that had the rung, bit rates from every segment's stored bytes and duration. A rung appears once
 * any segment has it; the source rung is always there.
 */
export function summariseLadder(segments: readonly LadderSegment[]): RungSummary[] {
  const lastSource = [...segments].reverse().find((s) => s.source)?.source;
  const names = new Set<RungName>();
  for (const segment of segments) for (const rung of segment.rungs ?? []) names.add(rung.name);
  const measure = (copyBytes: (s: LadderSegment) => number | undefined) => {
    let peak = 0;
    let bits = 0;
    let seconds = 0;
    const absent: number[] = [];
    for (const segment of segments) {
      const bytes = copyBytes(segment);
      if (bytes === undefined) {
        absent.push(segment.seq);
        continue;
      }
      const duration = Math.max(segment.durationSeconds, 0.5);
      peak = Math.max(peak, (bytes * 8) / duration);
      bits += bytes * 8;
      seconds += duration;
    }
    return { peakBps: Math.ceil(peak) || 1, averageBps: seconds ? Math.ceil(bits / seconds) : 1, absent };
  };
  const source: RungSummary = {
    name: 'source',
    ...(lastSource
      ? {
          width: lastSource.width,
          height: lastSource.height,
          fps: lastSource.fps,
          ...(sourceCodecs(lastSource) ? { codecs: sourceCodecs(lastSource) } : {}),
        }
      : {}),
    ...measure((s) => s.sourceCopyBytes),
  };
  const lower = [...names].map((name): RungSummary => {
    const last = [...segments]
      .reverse()
      .flatMap((s) => s.rungs ?? [])
      .find((r) => r.name === name)!;
    return {
      name,
      ...(last.width && last.height ? { width: last.width, height: last.height } : {}),
      ...(last.width && lastSource ? { fps: lastSource.fps } : {}),
      codecs: last.codecs,
      ...measure((s) => s.rungs?.find((r) => r.name === name)?.copyBytes),
    };
  });
  return [source, ...lower.sort((a, b) => b.averageBps - a.averageBps)];
}

/** The source's CODECS list, or none when ffprobe could not name every stream (a partial list misleads). */
function sourceCodecs(source: SourceFacts): string[] | undefined {
  if (!source.videoCodec || (source.hasAudio && !source.audioCodec)) return undefined;
  return source.hasAudio ? [source.videoCodec, source.audioCodec!] : [source.videoCodec];
}

/** A native player starts with the first variant listed: the tallest whose mean is within this. */
export const START_BPS = 1_200_000;

/**
 * The order a multivariant playlist lists the rungs in: the start rung first (native HLS starts
 * there, before it has measured anything), the other video rungs by bit rate, audio-only last.
 */
export function playbackOrder(rungs: readonly RungSummary[]): RungSummary[] {
  const video = rungs.filter((r) => r.name !== AUDIO_RUNG).sort((a, b) => b.averageBps - a.averageBps);
  const start = video.find((r) => r.averageBps <= START_BPS) ?? video[video.length - 1];
  return [
    ...(start ? [start] : []),
    ...video.filter((r) => r !== start),
    ...rungs.filter((r) => r.name === AUDIO_RUNG),
  ];
}
