// What one view costs, counted: a student watches a recording to the end as the player does
// (open a session, playlist, key, every segment in order, a heartbeat every 60 s of media, one
// URL renewal half-way: playlist and key again) and bench/cost-meter.ts counts, in this process
// only, every Firestore read and write, Storage operation and byte the api code causes, request by
// request. Two views, of a 1 h recording (514 segments of 7 s) and of a half-hour one (257): the
// goal is O(1) reads per request (the same count for every request of a route) and a total that
// grows by no more than one read per added segment. Run inside `firebase emulators:exec --only
// auth,firestore,storage` (node bench/run.mjs ops); the api router in-process. Exits 0.
import { getFunctions } from 'firebase-admin/functions';
import { adminApp, bucket, db } from '../functions/test/kit/emulators';
import { KEY_WINDOW_MS, RENEW_BEFORE_MS } from '../functions/src/services/playback/playback';
import { SEGMENT_SECONDS } from '../functions/src/domain/playback/playlist';
import { emptyTally, installMeter, type Tally } from './cost-meter';
import { fixed, table, verdict } from './stats';
import { readyRecording, resetWorld, students } from './viewer-world';
import { serveApi } from './serve-api';
import { useServerParams } from '../functions/test/kit/server-params';

const meter = installMeter({ db: db(), bucket: bucket(), functions: getFunctions(adminApp()) });
const HEARTBEAT_S = 60; // hosting/src/features/player/player-model.ts: HEARTBEAT_MS
/** Small bodies: operation counts do not depend on segment size (bytes are reported separately). */
const SEGMENT_BYTES = 188 * 64;

type Route = 'session' | 'playlist' | 'key' | 'segment' | 'heartbeat';
interface PerRoute {
  requests: number;
  reads: number[];
  writes: number[];
  classB: number[];
  bytes: number;
}
interface View {
  segments: number;
  routes: Record<Route, PerRoute>;
  total: Tally;
  invocations: number;
  bytesServed: number;
}

async function view(base: string, token: string, recordingId: string, segments: number, uid: string): Promise<View> {
  const routes = Object.fromEntries(
    (['session', 'playlist', 'key', 'segment', 'heartbeat'] as const).map((r) => [
      r,
      { requests: 0, reads: [], writes: [], classB: [], bytes: 0 },
    ]),
  ) as unknown as Record<Route, PerRoute>;
  const total = emptyTally();
  let invocations = 0;
  let bytesServed = 0;
  const call = async (route: Route, path: string, init: RequestInit = {}) => {
    meter.take();
    const res = await fetch(`${base}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
    });
    const body = Buffer.from(await res.arrayBuffer());
    if (!res.ok) throw new Error(`${route} ${path} answered ${res.status}: ${body.toString().slice(0, 200)}`);
    const t = meter.take();
    const r = routes[route];
    r.requests++;
    r.reads.push(t.reads);
    r.writes.push(t.writes + t.deletes);
    r.classB.push(t.classB);
    r.bytes += body.length;
    for (const k of ['reads', 'writes', 'deletes', 'classA', 'classB', 'bytesRead'] as const) total[k] += t[k];
    invocations++;
    bytesServed += body.length;
    return body.toString('utf8');
  };
  const opened = JSON.parse(
    await call('session', `/recordings/${recordingId}/sessions`, { method: 'POST', body: '{}' }),
  ) as { sessionId: string };
  const sid = opened.sessionId;
  const load = async () => {
    const text = await call('playlist', `/play/${sid}/playlist.m3u8`);
    await call('key', `/play/${sid}/key`);
    return text.split('\n').filter((l) => l.startsWith('seg/'));
  };
  let uris = await load();
  const renewAt = Math.floor(segments / 2);
  for (let seq = 0; seq < segments; seq++) {
    await call('segment', `/play/${sid}/${uris[seq]}`);
    for (let t = seq * SEGMENT_SECONDS + 1; t <= (seq + 1) * SEGMENT_SECONDS; t++) {
      if (t % HEARTBEAT_S !== 0) continue;
      if (seq >= renewAt && seq - Math.ceil(HEARTBEAT_S / SEGMENT_SECONDS) < renewAt)
        // One renewal per view: bring the session within the renewal window and let the key's
        // rate-limit window pass (a real hour has minutes between the two key requests). Not counted.
        await meter.quietly(async () => {
          await db()
            .doc(`playbackSessions/${sid}`)
            .update({ expiresAtMs: Date.now() + RENEW_BEFORE_MS - 60_000 });
          await db()
            .doc(`rateLimits/${uid}_${recordingId}`)
            .update({ lastKeyAtMs: Date.now() - KEY_WINDOW_MS });
        });
      const beat = JSON.parse(
        await call('heartbeat', `/play/${sid}/heartbeat`, {
          method: 'POST',
          body: JSON.stringify({ positionSeconds: t }),
        }),
      ) as { renewed: boolean };
      if (beat.renewed) uris = await load();
    }
  }
  return { segments, routes, total, invocations, bytesServed };
}

async function main(): Promise<void> {
  useServerParams(); // the API runs in this process
  const { tokens, api } = await meter.quietly(async () => {
    await resetWorld();
    console.log('[ops] two ready recordings (514 and 257 segments) and a student …');
    await readyRecording('rec-ops-1h', 514, SEGMENT_BYTES);
    await readyRecording('rec-ops-30m', 257, SEGMENT_BYTES);
    return { tokens: await students(2, 'u-ops'), api: await serveApi() };
  });
  const hour = await view(api.base, tokens[0]!, 'rec-ops-1h', 514, 'u-ops-0');
  const half = await view(api.base, tokens[1]!, 'rec-ops-30m', 257, 'u-ops-1');
  await api.close();

  const spread = (xs: number[]) =>
    Math.min(...xs) === Math.max(...xs) ? String(xs[0]) : `${Math.min(...xs)}–${Math.max(...xs)}`;
  const rows = [
    ['route (1 h view)', 'requests', 'reads / request', 'writes / request', 'Storage B / request', 'bytes served'],
  ];
  for (const [name, r] of Object.entries(hour.routes))
    rows.push([
      name,
      String(r.requests),
      spread(r.reads),
      spread(r.writes),
      spread(r.classB),
      r.bytes.toLocaleString('en-US'),
    ]);
  console.log('\n[ops] one view with heartbeats, counted per request (api code only; Auth calls are not Firestore)');
  console.log(table(rows));
  const summary = [['view', 'segments', 'invocations', 'Firestore reads', 'writes', 'Storage class B', 'bytes served']];
  for (const [name, v] of [
    ['1 h', hour],
    ['30 min', half],
  ] as const)
    summary.push([
      name,
      String(v.segments),
      String(v.invocations),
      String(v.total.reads),
      String(v.total.writes + v.total.deletes),
      String(v.total.classB),
      v.bytesServed.toLocaleString('en-US'),
    ]);
  console.log(table(summary));
  const constantPerRoute = Object.values(hour.routes).every((r) => Math.max(...r.reads) - Math.min(...r.reads) <= 1);
  const perSegment = (hour.total.reads - half.total.reads) / (hour.segments - half.segments);
  const segmentReads = Math.max(...hour.routes.segment.reads);
  console.log(
    `reads per request constant within each route (O(1), not growing with the recording): ${verdict(constantPerRoute)}`,
  );
  console.log(
    `reads added per added segment (heartbeats included): ${fixed(perSegment, 2)}; a segment request alone reads ${segmentReads} ` +
      `(goal ≤ 1 per segment) — ${verdict(segmentReads <= 1)}`,
  );
  console.log(
    `media bytes are ${SEGMENT_BYTES} per segment here; at 1.8 Mbit/s an hour is ~${fixed(((1.8e6 / 8) * 3600) / 1e9, 2)} GB`,
  );
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
