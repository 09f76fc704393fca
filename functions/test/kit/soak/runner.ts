// Runs soak schedules: a short lecture recorded through the stand-in, the schedule's real harm at
// its moments, the recording driven to settle as the watchdog and the sweep would (webhooks may
// be lost), then the invariants. The CLI (functions/test/soak/main.ts) and the smoke spec
// (functions/test/integration/soak-smoke.spec.ts) both run schedules through here.
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LiveKitDev } from '../../../../tools/livekit-dev/src/server';
import { ingestPrefix, parseIngestPath } from '../../../src/domain/ingest/ingest-path';
import { endedUncleanly } from '../../../src/domain/recording/recording-state';
import { FINALIZE_GRACE_MS, reconcileRecording, sweep } from '../../../src/services/livekit-sync/reconciliation';
import { callApi, tokensFor, type ApiReply } from '../api';
import { injectFault, joinRoom } from '../control';
import { db, eventually, ingestBucket, resetWorld } from '../emulators';
import { startStandIn } from '../livekit-dev';
import { recordingDoc, totalUsage } from '../recordings';
import { killEgressWorker, killFunctionsWorkers, Spool, StorageGate } from './harms';
import { checkInvariants, plaintextLeft } from './invariants';
import { describeHarm, HARM_KINDS, type Harm, type HarmKind, type Schedule } from './schedule';

const MEETING = 'meeting-cardio-101';
const ROOM = 'cardio-101';
/** Fast enough that a 7 s segment takes under a second, slow enough for 2 cores to ingest it as it comes. */
const SPEED = 10;
/** The storage trigger that ingests each segment (functions/src/index.ts): the functions harm kills its workers. */
const INGEST_FUNCTION: keyof typeof import('../../../src/index') = 'segmentFinalized';
const SPOOL_MB = 4; // a few 320×180 segments: the filler takes the rest
/**
 * Ingest is taken to be over when no segment record has arrived for this long: a run the soak
 * killed never delivers, and the sweep's re-drive (as if 61 s later) then takes its chunk. On a
 * loaded machine a cold-started worker takes seconds, hence the margin. A re-drive beside a run
 * still alive is harmless (a segment is confirmed once, its objects written once), so the smoke
 * waits less: it then tests the overlap more often, as production's sweep meets a slow run.
 */
const QUIET_MS = 8_000;
/** The smoke's quiet wait (npm test's soak-smoke.spec.ts, `--smoke`). */
export const SMOKE_QUIET_MS = 3_000;
/** The functions emulator's own failures (see callFunctions) are retried after these delays. */
const EMULATOR_RETRY_MS = [1_000, 2_000, 4_000];
/** A lecture of six 7 s segments at 10× takes seconds; on a loaded machine Start and Stop alone can take a minute. */
const LECTURE_LIMIT_MS = 300_000;
const ACTIVE = ['EGRESS_STARTING', 'EGRESS_ACTIVE', 'EGRESS_ENDING'];

export interface ScheduleResult {
  schedule: Schedule;
  failures: string[];
  timeline: string[];
  /** Harms actually done, by kind (a harm after the egress ended is not). */
  done: Record<HarmKind, number>;
  uploaded: number;
  lost: number;
  /** Of the lost: segments the egress uploaded empty (its disk full), lost before ingest saw them. */
  emptyAtEgress: number;
  /** Stored, but cut short at the egress (its disk full): noted on the segment record and alerted. */
  damagedAtEgress: number;
  final: string;
  ms: number;
  /** Calls the functions emulator failed itself (no worker loaded), retried: not our API's answers. */
  emulatorFailures: number;
}

export interface SoakWorld {
  livekit: LiveKitDev;
  gate: StorageGate;
  spool?: Spool;
  /** Why the full-disk harm is skipped, when it is. */
  spoolNote?: string;
  admin: string;
  /** How long ingest must be quiet before the sweep's re-drive (QUIET_MS unless told). */
  quietMs: number;
  close(): Promise<void>;
}

/** The stand-in behind a Storage gate and on its own spool, a fresh world, the room open. */
export async function openSoakWorld({ quietMs = QUIET_MS }: { quietMs?: number } = {}): Promise<SoakWorld> {
  const [host, port] = (process.env.FIREBASE_STORAGE_EMULATOR_HOST ?? '127.0.0.1:9199').split(':');
  const gate = new StorageGate({ host, port: Number(port) });
  await gate.start();
  const mounted = Spool.mount(path.join(tmpdir(), `soak-spool-${process.pid}`), SPOOL_MB);
  const spool = typeof mounted === 'string' ? undefined : mounted;
  const livekit = await startStandIn({ speed: SPEED, storageHost: `127.0.0.1:${gate.port}`, spoolDir: spool?.dir });
  await resetWorld({ forensicWatermark: false });
  await joinRoom(ROOM, 'student1');
  await livekit.webhooks.idle();
  const { admin } = await tokensFor('admin');
  return {
    livekit,
    gate,
    spool,
    spoolNote: typeof mounted === 'string' ? mounted : undefined,
    admin,
    quietMs,
    async close() {
      await livekit.close();
      await gate.close();
      spool?.unmount();
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const noHarm = (): Record<HarmKind, number> =>
  Object.fromEntries(HARM_KINDS.map((k) => [k, 0])) as Record<HarmKind, number>;

/**
 * A call to our API straight at the functions emulator, telling the emulator's own failures from
 * our API's answers. Our API answers every error with a JSON body ({ error: { code, message } });
 * the emulator, when it cannot load a worker in time (a burst of cold starts after the soak killed
 * its workers: "Failed to load function"), answers 5xx with no body or with text, and our code
 * never ran. Those are retried, each noted, and counted apart (`failures.emulator`); Cloud
 * Functions' front end answers such a failure itself, and clients retry it. Anything else — a 5xx
 * carrying our JSON error included — is returned as it came.
 */
async function callFunctions<T>(
  path: string,
  world: SoakWorld,
  failures: { emulator: number },
  note: (what: string) => void,
): Promise<ApiReply<T>> {
  for (let attempt = 0; ; attempt++) {
    const reply = await callApi<T>(path, { token: world.admin, method: 'POST', body: {}, direct: true }).catch(
      (error: Error) => error,
    );
    const emulatorFailure =
      reply instanceof Error
        ? `${reply.name}: ${reply.message}` // text instead of JSON, or the connection dropped
        : reply.status >= 500 && !reply.body.error
          ? `${reply.status} without a body`
          : undefined;
    if (!emulatorFailure) return reply as ApiReply<T>;
    failures.emulator += 1;
    if (attempt === EMULATOR_RETRY_MS.length) {
      const body = { error: { code: 'emulator', message: `the functions emulator failed: ${emulatorFailure}` } };
      return { status: 599, body: body as ApiReply<T>['body'], headers: new Headers() };
    }
    note(`${path}: the functions emulator failed (${emulatorFailure}), not our API; retrying`);
    await sleep(EMULATOR_RETRY_MS[attempt]!);
  }
}

async function startRecording(
  world: SoakWorld,
  failures: { emulator: number },
  note: (what: string) => void,
): Promise<{ id: string; egressId: string } | string> {
  const reply = await callFunctions<{ recording: { id: string; egressId: string } }>(
    `/meetings/${MEETING}/recording/start`,
    world,
    failures,
    note,
  );
  return reply.status === 201
    ? reply.body.recording
    : `next recording: the meeting's next start answered ${reply.status} ${JSON.stringify(reply.body.error ?? {})}`;
}

export async function runSchedule(world: SoakWorld, schedule: Schedule): Promise<ScheduleResult> {
  const t0 = Date.now();
  const timeline: string[] = [];
  const note = (what: string) => timeline.push(`${String(Date.now() - t0).padStart(6)} ms  ${what}`);
  const result: ScheduleResult = {
    schedule,
    failures: [],
    timeline,
    done: noHarm(),
    uploaded: 0,
    lost: 0,
    emptyAtEgress: 0,
    damagedAtEgress: 0,
    final: '',
    ms: 0,
    emulatorFailures: 0,
  };
  const { livekit, gate, spool } = world;
  const failures = { emulator: 0 };
  const finish = (): ScheduleResult => ({ ...result, emulatorFailures: failures.emulator, ms: Date.now() - t0 });

  await db().doc('settings/global').set({ forensicWatermark: schedule.forensicMark }, { merge: true });
  await joinRoom(ROOM, 'student1'); // a room the stand-in forgot is opened again
  const usageBytesBefore = (await totalUsage()).bytes;
  const started = await startRecording(world, failures, note);
  if (typeof started === 'string') {
    result.failures.push(started);
    return finish();
  }
  const { id, egressId } = started;
  note(`started ${id} (egress ${egressId}), ${schedule.segments} segments${schedule.forensicMark ? ', marked' : ''}`);

  const egress = () => livekit.store.egresses.get(egressId);
  const outages: Promise<void>[] = [];
  const outage = (what: string, durationMs: number, begin: () => void, end: () => void) => {
    begin();
    outages.push(
      sleep(durationMs).then(() => {
        end();
        note(`${what} over`);
      }),
    );
  };
  const strike = async (h: Harm): Promise<void> => {
    note(`harm: ${describeHarm(h)}`);
    if (h.webhooks)
      await injectFault({ webhooks: { mode: h.webhooks.mode, count: h.webhooks.count } }).catch(() => undefined);
    switch (h.kind) {
      case 'kill-egress-worker':
        note(`  killed ${killEgressWorker(egressId)} egress ffmpeg process(es)`);
        break;
      case 'kill-functions-worker':
        note(`  killed ${killFunctionsWorkers(INGEST_FUNCTION)} functions worker process(es)`);
        break;
      case 'restart-livekit':
        outages.push(
          livekit.restart(h.durationMs).then(() => {
            note('  stand-in back up');
          }),
        );
        break;
      case 'refuse-storage':
        outage(
          'refused writes',
          h.durationMs ?? 0,
          () => gate.refuse(true),
          () => gate.refuse(false),
        );
        break;
      case 'fill-spool':
        if (!spool) {
          note(`  skipped: ${world.spoolNote}`);
          return;
        }
        outage(
          'full spool',
          h.durationMs ?? 0,
          () => spool.fill(),
          () => spool.drain(),
        );
        break;
      case 'webhook-fault':
        break;
    }
    result.done[h.kind] += 1;
  };

  // The lecture: harms at their moments, Stop once enough segments are up (and every outage is over).
  const pending = [...schedule.harms];
  const reachedAt = new Map<Harm, number>();
  let stopped = false;
  const deadline = Date.now() + LECTURE_LIMIT_MS;
  for (;;) {
    const e = egress();
    if (e && !ACTIVE.includes(e.status)) break;
    if (Date.now() > deadline) {
      result.failures.push(
        `the lecture never ended: egress ${e?.status ?? 'unknown'} after ${LECTURE_LIMIT_MS / 1000} s`,
      );
      break;
    }
    const uploaded = e?.segments.length ?? 0;
    for (const h of [...pending]) {
      if (uploaded < h.afterSegments) continue;
      if (!reachedAt.has(h)) reachedAt.set(h, Date.now());
      if (Date.now() - reachedAt.get(h)! < h.delayMs) continue;
      pending.splice(pending.indexOf(h), 1);
      await strike(h);
    }
    if (!stopped && uploaded >= schedule.segments && !pending.length) {
      await Promise.all(outages);
      const reply = await callFunctions(`/meetings/${MEETING}/recording/stop`, world, failures, note);
      note(`stop → ${reply.status}`);
      stopped = true;
    }
    await sleep(50);
  }
  for (const h of pending) note(`not done (the egress had ended): ${describeHarm(h)}`);
  await Promise.all(outages);
  gate.refuse(false);
  spool?.drain();
  const e = egress();
  const uploaded = (e?.segments ?? []).map((s) => s.index);
  result.uploaded = uploaded.length;
  note(`egress ${e?.status ?? 'gone'}${e?.error ? ` (${e.error})` : ''}, ${uploaded.length} segment(s) uploaded`);

  await settle(id, uploaded.length, world.quietMs, note).catch((error: Error) =>
    result.failures.push(`settling: ${error.message}`),
  );
  const verdict = await checkInvariants({
    recordingId: id,
    meetingId: MEETING,
    uploaded,
    forensicMark: schedule.forensicMark,
    usageBytesBefore,
  });
  result.failures.push(...verdict.failures);
  result.lost = verdict.lost.length;
  result.emptyAtEgress = verdict.lost.filter((l) => /empty segment \(0 bytes\)/.test(l.reason)).length;
  result.damagedAtEgress = verdict.damagedAtEgress;
  result.final = `${verdict.status}${verdict.reason ? `/${verdict.reason}` : ''}`;
  for (const l of verdict.lost) note(`lost segment ${l.seq}: ${l.reason}`);
  note(`settled: ${result.final}, ${verdict.stored} stored, ${verdict.lost.length} lost`);
  return finish();
}

/**
 * Drives the recording to rest as production would, faster: the watchdog's poll until it is final
 * (webhooks may have been lost), ingest given time to finish (or until it is finalized with every
 * segment), the sweep's re-drive of raw chunks a killed run left behind (as if 61 s later, and
 * again in real time while one fails), and its forced finalize (as if past the grace) if it is
 * still not finalized.
 */
async function settle(id: string, uploaded: number, quietMs: number, note: (what: string) => void): Promise<void> {
  await eventually(
    async () => {
      const r = await reconcileRecording(id).catch(() => null); // the stand-in may be restarting
      return r && !['starting', 'recording', 'stopping'].includes(r.status);
    },
    30_000,
    `recording ${id} to reach a final state`,
  );
  // Ingest at work: wait while segment records keep arriving (a killed run's chunk never will).
  let seen = -1;
  let quietSince = Date.now();
  while (Date.now() - quietSince < quietMs) {
    const n = (await db().collection(`recordings/${id}/segments`).get()).size;
    if (n >= uploaded && (await recordingDoc(id))?.finalized) break;
    if (n !== seen) {
      seen = n;
      quietSince = Date.now();
    }
    await sleep(250);
  }
  // Always, as production's sweep comes within the minute: a chunk that landed after the finalize
  // and whose run died (or waits on a cold start) is refused and deleted there (seed 47).
  const redriven = (await sweep(Date.now() + 61_000)).redriven;
  if (redriven.length) note(`sweep re-drove ${redriven.length} stranded chunk(s)`);
  // A re-drive can fail on a transaction lock the killed run still holds (the Firestore emulator
  // kept one over a minute, seed 169). Production's next sweeps, a minute apart in real time, drive
  // such a chunk again before the forced finalize 2 min after the end; the soak's sweeps "a minute
  // later" come at once, so it gives the lock real time: a re-drive every 5 s for up to 2 min.
  const patience = Date.now() + 120_000;
  while ((await undecidedChunks(id)).length && Date.now() < patience) {
    await sleep(5_000);
    if ((await sweep(Date.now() + 61_000)).redriven.length) note('sweep re-drove a chunk whose re-drive had failed');
  }
  // A recording whose egress ended uncleanly waits for the sweep's forced finalize (seed 49): no use waiting.
  const ended = await recordingDoc(id);
  const finalized =
    ended?.finalized === true ||
    (!endedUncleanly(ended?.reason as string | undefined) &&
      (await eventually(async () => (await recordingDoc(id))?.finalized === true, 5_000).catch(() => false)));
  if (!finalized) {
    await sweep(Date.now() + FINALIZE_GRACE_MS + 61_000);
    note('sweep forced finalize');
    const doc = await recordingDoc(id);
    if (doc?.status !== 'failed')
      await eventually(async () => (await recordingDoc(id))?.finalized === true, 15_000, `recording ${id} finalized`);
  }
  // An upload the egress gave up on (its connection reset mid-request) can still land after the
  // egress ended and the recording was finalized (seed 94): its own run refuses and deletes it, or,
  // had that run died, the next sweep. Both get their chance before the checks.
  const gone = await eventually(async () => (await plaintextLeft(id)).length === 0, 3_000).catch(() => false);
  if (!gone && (await sweep(Date.now() + 61_000)).redriven.length) note('sweep re-drove a late upload');
}

/** Sequence numbers of the recording's raw chunks that have no verdict yet (no segment record). */
async function undecidedChunks(id: string): Promise<number[]> {
  const [objects] = await ingestBucket().getFiles({ prefix: ingestPrefix(id) });
  const records = await db().collection(`recordings/${id}/segments`).get();
  const decided = new Set(records.docs.map((d) => Number(d.get('seq'))));
  return objects.flatMap((file) => {
    const parsed = parseIngestPath(file.name);
    return parsed?.kind === 'segment' && !decided.has(parsed.seq) ? [parsed.seq] : [];
  });
}

export interface SoakReport {
  results: ScheduleResult[];
  /** The meeting's next recording after the last schedule: undefined when it started. */
  nextStart?: string;
}

/** Runs the schedules one after the other; each one's start shows the previous one let go. */
export async function runSoak(
  world: SoakWorld,
  schedules: Schedule[],
  onResult?: (r: ScheduleResult) => void,
): Promise<SoakReport> {
  const results: ScheduleResult[] = [];
  for (const schedule of schedules) {
    const r = await runSchedule(world, schedule);
    results.push(r);
    onResult?.(r);
  }
  const failures = { emulator: 0 };
  const next = await startRecording(world, failures, () => undefined);
  if (typeof next === 'string') return { results, nextStart: next };
  await callFunctions(`/meetings/${MEETING}/recording/stop`, world, failures, () => undefined);
  return { results };
}

/** A failing schedule as it is printed: its seed, how to replay it, its timeline and what failed. */
export function describeFailure(r: ScheduleResult): string {
  return [
    `schedule seed ${r.schedule.seed} FAILED (replay: npm run soak -- --replay ${r.schedule.seed}${r.schedule.smoke ? ' --smoke' : ''})`,
    ...r.schedule.harms.map((h) => `  planned: ${describeHarm(h)}`),
    '  timeline:',
    ...r.timeline.map((l) => `    ${l}`),
    '  failures:',
    ...r.failures.map((f) => `    ✗ ${f}`),
  ].join('\n');
}
