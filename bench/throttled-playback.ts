// Playback quality on throttled links (issue 27): the web app's own player in Debian's Chromium,
// the link shaped by DevTools' network emulation (CDP Network.emulateNetworkConditions), against the
// app served by the emulators (Hosting, Functions, Auth, Firestore, Storage), as `npm start` serves it.
// A 105 s lecture at LiveKit's default preset (1280×720, 30 fps, ~3 Mbit/s H.264 Main, AAC 128k)
// is recorded twice the real way (raw segments through ingest): with the full ladder (540p, 360p,
// 234p, audio only) and source-only, the baseline, in the same run. Per link and recording: click
// to first frame, rebuffer ratio (time stalled after the first frame over the time watched since),
// and the picture heights played. Each play is a fresh browser context whose player code is already
// loaded (a returning student): the click measures the video. Reports, never fails.
//   node bench/run.mjs playback   (needs functions/lib and hosting/dist: `npm start` or `npm test` builds them)
// PLAYBACK_SECONDS: seconds watched of the ladder on the two throttled links (90); PLAYBACK_OTHER_SECONDS:
// of the unthrottled ladder and every baseline play (45).
import type { Browser } from 'playwright-core';
import { launchChromium, signInThroughForm } from '../e2e/kit/browser';
import {
  measureUntil,
  MID_LINK,
  openAndMeasure,
  SLOW_LINK,
  throttle,
  UNTHROTTLED,
  warmPlayerCode,
  type LinkProfile,
  type PlaybackReport,
} from '../e2e/kit/playback-probe';
import { assertEmulators, db, resetWorld } from '../functions/test/kit/emulators';
import { hlsSegments } from '../functions/test/kit/media';
import { readyRecording } from '../functions/test/kit/recordings';
import { useServerParams } from '../functions/test/kit/server-params';
import { DEMO_PASSWORD, users } from '../scripts/seed/world';
import { fixed, table, verdict } from './stats';

const LECTURE_SECONDS = 105;
const WATCH_SECONDS = Number(process.env['PLAYBACK_SECONDS'] ?? 90);
const OTHER_SECONDS = Number(process.env['PLAYBACK_OTHER_SECONDS'] ?? 45);
/** A play with no first frame by then is reported as such. */
const FIRST_FRAME_TIMEOUT_MS = 90_000;
const LADDER = 'rec-bench-ladder';
const SINGLE = 'rec-bench-single';
const VIEWER = users.student1;

/** Issue 27's goals per throttled link: first frame and rebuffer ratio. */
const GOALS = new Map<LinkProfile, { firstFrameMs: number; rebuffer: number }>([
  [SLOW_LINK, { firstFrameMs: 4_000, rebuffer: 0.02 }],
  [MID_LINK, { firstFrameMs: 2_000, rebuffer: 0.005 }],
]);

/** LiveKit Egress's default preset, cut into 7 s segments as egress cuts them. */
function lecture720p(): Buffer[] {
  return hlsSegments({
    video: 'testsrc2=size=1280x720:rate=30',
    seconds: LECTURE_SECONDS,
    videoArgs: ['-profile:v', 'main', '-pix_fmt', 'yuv420p', '-b:v', '2800k', '-maxrate', '3000k', '-bufsize', '6000k'],
    audioArgs: ['-b:a', '128k'],
  }).files;
}

interface Play {
  link: LinkProfile;
  recording: string;
  seconds: number;
  report: PlaybackReport;
}

async function play(browser: Browser, link: LinkProfile, recording: string, seconds: number): Promise<Play> {
  // One key per 30 s per viewer and recording: plays of one recording are further apart than that.
  const page = await browser.newPage();
  try {
    await signInThroughForm(page, VIEWER.email, DEMO_PASSWORD);
    await warmPlayerCode(page);
    await throttle(page, link);
    await openAndMeasure(page, `#/watch/${recording}`);
    const started = await measureUntil(page, (r) => r.firstFrameMs !== null, FIRST_FRAME_TIMEOUT_MS);
    const report =
      started.firstFrameMs === null
        ? started
        : await measureUntil(page, (r) => r.watchedMs >= seconds * 1000, seconds * 1000 + 10_000);
    return { link, recording, seconds, report };
  } finally {
    await page.close();
  }
}

/** "234p 8 %, 540p 92 %" over the time watched; "audio" for no picture. */
function rungs(report: PlaybackReport): string {
  const total = Object.values(report.heights).reduce((a, b) => a + b, 0);
  if (!total) return '–';
  return Object.entries(report.heights)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([height, ms]) => `${height === '0' ? 'audio' : `${height}p`} ${fixed((100 * ms) / total, 0)} %`)
    .join(', ');
}

function row({ link, recording, seconds, report }: Play): string[] {
  const goal = GOALS.get(link);
  const ratio = report.watchedMs ? report.stalledMs / report.watchedMs : Number.NaN;
  const first =
    report.firstFrameMs === null ? `none in ${FIRST_FRAME_TIMEOUT_MS / 1000} s` : `${report.firstFrameMs} ms`;
  return [
    link.name,
    recording === LADDER ? 'ladder' : 'single rung (baseline)',
    first,
    goal ? verdict(report.firstFrameMs !== null && report.firstFrameMs <= goal.firstFrameMs) : '–',
    `${fixed(100 * ratio, 2)} % (${fixed(report.stalledMs / 1000, 1)} s in ${report.stalls})`,
    goal ? verdict(report.firstFrameMs !== null && ratio <= goal.rebuffer) : '–',
    `${fixed(report.watchedMs / 1000, 0)} s (asked ${seconds})`,
    fixed(report.playedSeconds, 1),
    rungs(report),
  ];
}

async function main(): Promise<void> {
  assertEmulators();
  useServerParams();
  await resetWorld({ forensicWatermark: false, ladder: 'full' });
  const t0 = Date.now();
  const files = lecture720p();
  const bytes = files.reduce((sum, f) => sum + f.length, 0);
  console.log(
    `[playback] ${files.length} segments of a ${LECTURE_SECONDS} s 1280×720 lecture, ${fixed((bytes * 8) / LECTURE_SECONDS / 1000, 0)} kbit/s, made in ${fixed((Date.now() - t0) / 1000, 0)} s`,
  );
  const ingestTimeout = 120_000 + files.length * 20_000; // every 720p segment encodes four rungs at ingest
  let t = Date.now();
  await readyRecording(LADDER, { files, ladder: 'full', timeoutMs: ingestTimeout });
  console.log(`[playback] ${LADDER} ingested with the full ladder in ${fixed((Date.now() - t) / 1000, 0)} s`);
  t = Date.now();
  await readyRecording(SINGLE, { files, ladder: 'source-only' });
  console.log(`[playback] ${SINGLE} ingested source-only in ${fixed((Date.now() - t) / 1000, 0)} s`);
  const ladder = (await db().doc(`playlists/${LADDER}`).get()).get('rungs') as
    { name: string; height?: number; averageBps: number; peakBps: number }[] | undefined;
  for (const r of ladder ?? [])
    console.log(
      `[playback]   rung ${r.name}${r.height ? ` (${r.height}p)` : ''}: average ${fixed(r.averageBps / 1000, 0)} kbit/s, peak ${fixed(r.peakBps / 1000, 0)} kbit/s`,
    );

  const browser = await launchChromium();
  const plays: Play[] = [];
  try {
    for (const link of [SLOW_LINK, MID_LINK, UNTHROTTLED])
      for (const recording of [LADDER, SINGLE]) {
        const seconds = recording === LADDER && link !== UNTHROTTLED ? WATCH_SECONDS : OTHER_SECONDS;
        const done = await play(browser, link, recording, seconds);
        console.log(`[playback] ${link.name}, ${recording}: ${JSON.stringify(done.report)}`);
        plays.push(done);
      }
  } finally {
    await browser.close();
  }
  console.log(
    `\nThrottled playback (Chromium, DevTools network emulation), the same 720p lecture with the ladder and as one rung\n`,
  );
  console.log(
    table([
      [
        'link',
        'recording',
        'click → first frame',
        'goal',
        'rebuffer ratio (stalled, stalls)',
        'goal',
        'watched',
        'media s played',
        'rung played (share of time)',
      ],
      ...plays.map(row),
    ]),
  );
}

const overall = setTimeout(() => {
  console.error('[playback] gave up after 30 min');
  process.exit(1);
}, 30 * 60_000);
main().then(
  () => {
    clearTimeout(overall);
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
