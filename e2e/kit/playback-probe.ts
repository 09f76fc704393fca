// Playback quality as a viewer feels it, measured inside a page that runs the web app's player:
// time from the click that opens a lecture to its first frame, time stalled after that first frame,
// and the picture heights played (the rung of the ladder). Shared by the throttled Chromium test
// and bench/throttled-playback.ts. Plain JavaScript strings for page.evaluate: the page's CSP
// refuses injected scripts, a DevTools evaluation is exempt, and the test runner's TypeScript
// transform would add helpers the page lacks.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';

/** A link as Chromium's DevTools network emulation shapes it. */
export interface LinkProfile {
  readonly name: string;
  /** Download and upload, bits/s; 0: unthrottled. */
  readonly bps: number;
  /** Round trip added to every request, ms. */
  readonly rttMs: number;
}

export const SLOW_LINK: LinkProfile = { name: '600 kbit/s, 150 ms', bps: 600_000, rttMs: 150 };
export const MID_LINK: LinkProfile = { name: '1.6 Mbit/s, 150 ms', bps: 1_600_000, rttMs: 150 };
export const UNTHROTTLED: LinkProfile = { name: 'unthrottled', bps: 0, rttMs: 0 };

/** Applies `link` to the page's requests (Network.emulateNetworkConditions); returns the CDP session. */
export async function throttle(page: Page, link: LinkProfile): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const bytesPerSecond = link.bps ? link.bps / 8 : -1; // -1: no limit
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: link.rttMs,
    downloadThroughput: bytesPerSecond,
    uploadThroughput: bytesPerSecond,
  });
  return cdp;
}

/**
 * Loads the player's code (its route chunk and hls.js, from the emulator build in hosting/dist) into
 * the signed-in page, as a returning student's browser has it: a click then measures the video, not
 * the app's code arriving over the slow link.
 */
export async function warmPlayerCode(page: Page): Promise<void> {
  const chunks = readdirSync(path.resolve(__dirname, '../../hosting/dist/assets')).filter((f) =>
    /^(WatchPage|hls)-[\w-]+\.js$/.test(f),
  );
  if (chunks.length < 2) throw new Error(`the player's chunks are not in hosting/dist: ${chunks.join(', ')}`);
  await page.evaluate(`Promise.all(${JSON.stringify(chunks)}.map((f) => import('/assets/' + f))).then(() => true)`);
}

export interface PlaybackReport {
  /** Click to the first frame presented, ms (null: none yet). */
  firstFrameMs: number | null;
  /** Wall time since the first frame, ms. */
  watchedMs: number;
  /** Time spent waiting for data after the first frame ('waiting' to 'playing', seeks left out), ms. */
  stalledMs: number;
  stalls: number;
  /** Media seconds played since the first frame. */
  playedSeconds: number;
  /** Wall ms after the first frame per picture height shown (0: no picture, audio only). */
  heights: Record<string, number>;
  /** The video's currentTime now. */
  currentTime: number;
}

/**
 * Opens `hash` in the app as a click on a link to it would (the app already loaded and signed in)
 * and starts measuring at that moment. The first frame is the first requestVideoFrameCallback of
 * the player's video (a frame handed to the compositor), or failing that the first 'timeupdate'
 * with a decoded frame (half a second in where requestVideoFrameCallback exists but never called).
 */
export function openAndMeasure(page: Page, hash: string): Promise<unknown> {
  return page.evaluate(`(() => {
    const probe = { clickAt: performance.now(), firstFrameAt: null, stalledMs: 0, stalls: 0, stallSince: null,
      heights: {}, lastTick: null, timeAtFirstFrame: 0, video: null };
    window.__lvProbe = probe;
    const first = (at) => {
      if (probe.firstFrameAt !== null) return;
      probe.firstFrameAt = at;
      probe.lastTick = at;
      probe.timeAtFirstFrame = probe.video.currentTime;
    };
    const stallEnds = () => {
      if (probe.stallSince === null) return;
      probe.stalledMs += performance.now() - probe.stallSince;
      probe.stallSince = null;
    };
    const watch = (video) => {
      probe.video = video;
      if (video.requestVideoFrameCallback) video.requestVideoFrameCallback((now) => first(now));
      video.addEventListener('timeupdate', () => {
        const q = video.getVideoPlaybackQuality ? video.getVideoPlaybackQuality().totalVideoFrames : 1;
        // Without requestVideoFrameCallback (or should it never call back), half a second played stands in.
        if (q > 0 && (video.requestVideoFrameCallback ? video.currentTime > 0.5 : video.currentTime > 0)) first(performance.now());
        if (probe.stallSince !== null && !video.seeking && video.readyState >= 3) stallEnds();
      });
      video.addEventListener('waiting', () => {
        if (probe.firstFrameAt === null || video.seeking || probe.stallSince !== null) return;
        probe.stallSince = performance.now();
        probe.stalls += 1;
      });
      video.addEventListener('playing', stallEnds);
      video.addEventListener('seeking', stallEnds);
      setInterval(() => {
        if (probe.firstFrameAt === null) return;
        const now = performance.now();
        const key = String(video.videoHeight);
        probe.heights[key] = (probe.heights[key] || 0) + (now - probe.lastTick);
        probe.lastTick = now;
      }, 250);
    };
    const find = setInterval(() => {
      const video = document.querySelector('video.player-video');
      if (!video) return;
      clearInterval(find);
      watch(video);
    }, 20);
    location.hash = ${JSON.stringify(hash)};
    return true;
  })()`);
}

/** What the probe of openAndMeasure has seen so far. */
export async function playbackReport(page: Page): Promise<PlaybackReport> {
  return (await page.evaluate(`(() => {
    const p = window.__lvProbe;
    const now = performance.now();
    const stalledMs = p.stalledMs + (p.stallSince === null ? 0 : now - p.stallSince);
    const currentTime = p.video ? p.video.currentTime : 0;
    if (p.firstFrameAt === null)
      return { firstFrameMs: null, watchedMs: 0, stalledMs: 0, stalls: 0, playedSeconds: 0, heights: {}, currentTime };
    return {
      firstFrameMs: Math.round(p.firstFrameAt - p.clickAt),
      watchedMs: Math.round(now - p.firstFrameAt),
      stalledMs: Math.round(stalledMs),
      stalls: p.stalls,
      playedSeconds: currentTime - p.timeAtFirstFrame,
      heights: Object.fromEntries(Object.entries(p.heights).map(([h, ms]) => [h, Math.round(ms)])),
      currentTime,
    };
  })()`)) as PlaybackReport;
}

/** Polls the probe until `done` holds or `timeoutMs` passes; returns the last report either way. */
export async function measureUntil(
  page: Page,
  done: (report: PlaybackReport) => boolean,
  timeoutMs: number,
): Promise<PlaybackReport> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const report = await playbackReport(page);
    if (done(report) || Date.now() > deadline) return report;
    await new Promise((r) => setTimeout(r, 250));
  }
}
