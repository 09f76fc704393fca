// The first presentation timestamp of an MPEG-TS segment: what a subtitle track's
// X-TIMESTAMP-MAP pins cue time 0 to, so captions line up with the video in hls.js and in native
// HLS alike (both map a cue's time through it onto the video's timestamps).

const PACKET = 188;

/** The lowest PTS (90 kHz ticks) of the first PES packet of each stream in these bytes; null if none. */
export function firstPts(ts: Uint8Array): number | null {
  const seen = new Set<number>();
  let lowest: number | null = null;
  for (let at = ts.indexOf(0x47); at >= 0 && at + PACKET <= ts.length; at += PACKET) {
    if (ts[at] !== 0x47) break;
    const unitStart = (ts[at + 1]! & 0x40) !== 0;
    const pid = ((ts[at + 1]! & 0x1f) << 8) | ts[at + 2]!;
    const control = (ts[at + 3]! >> 4) & 0x3;
    if (!unitStart || !(control & 0x1) || seen.has(pid)) continue;
    const payload = at + 4 + (control & 0x2 ? 1 + ts[at + 4]! : 0);
    // A PES packet: start code 00 00 01, then stream id, length, flags; PTS present when flags say so.
    if (payload + 14 > at + PACKET || ts[payload] !== 0 || ts[payload + 1] !== 0 || ts[payload + 2] !== 1) continue;
    seen.add(pid);
    if (!(ts[payload + 7]! & 0x80)) continue;
    const p = payload + 9;
    const pts =
      (ts[p]! & 0x0e) * 2 ** 29 +
      ts[p + 1]! * 2 ** 22 +
      (ts[p + 2]! >> 1) * 2 ** 15 +
      ts[p + 3]! * 2 ** 7 +
      (ts[p + 4]! >> 1);
    lowest = lowest === null ? pts : Math.min(lowest, pts);
  }
  return lowest;
}
