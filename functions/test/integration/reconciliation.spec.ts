// Healing what webhooks missed: the watchdog's per-recording poll and the sweep's adoption of
// orphaned egresses and its second run of raw chunks a trigger run left behind, in-process
// against the emulators and the stand-in with a controlled clock; then seeded fault schedules of webhook deliveries through the real endpoint (16 in `npm test`,
// FAULT_SCHEDULES=N for more: each schedule is reproducible from its number).
import assert from 'node:assert/strict';
import { FieldValue } from 'firebase-admin/firestore';
import { EGRESS_STATUSES } from '../../../tools/livekit-dev/src/rooms';
import type { LiveKitDev } from '../../../tools/livekit-dev/src/server';
import { callApi, tokensFor } from '../kit/api';
import { injectFault, joinRoom } from '../kit/control';
import { bucket, db, eventually, ingestBucket, resetWorld, putObject } from '../kit/emulators';
import { egressClient, ingestOutput, startStandIn } from '../kit/livekit-dev';
import { realSegments } from '../kit/media';
import { prng } from '../kit/prng';
import {
  afterIngest,
  alerts,
  auditActions,
  createRecording,
  lockOf,
  recordingDoc,
  storedSegments,
  totalUsage,
  waitForFinalized,
} from '../kit/recordings';
import { deliverWithRetries, signWebhook } from '../kit/livekit-webhooks';
import { reconcileRecording, sweep, START_GRACE_MS } from '../../src/services/livekit-sync/reconciliation';
import { applyEgressSnapshot } from '../../src/services/livekit-sync/egress-sync';
import { EgressStatus } from '../../src/domain/recording/recording-state';
import { segmentDecipher } from '../../src/domain/keys/segment-crypto';
import { recordingKey } from '../../src/store/keys';
import { encryptToStorage } from '../../src/services/ingest/segment-pipeline';

const CARDIO = 'meeting-cardio-101';

async function startViaApi(): Promise<{ id: string; egressId: string }> {
  const { admin } = await tokensFor('admin');
  const reply = await callApi<{ recording: { id: string; egressId: string } }>(`/meetings/${CARDIO}/recording/start`, {
    token: admin,
    method: 'POST',
    body: {},
  });
  assert.equal(reply.status, 201, JSON.stringify(reply.body));
  return reply.body.recording;
}

const segmentCount = async (id: string) => (await storedSegments(id)).length;
const egressStatus = async (egressId: string) => (await egressClient().listEgress({ egressId }))[0]?.status;

describe('reconciliation (stand-in at 5× speed, webhooks dropped)', () => {
  let livekit: LiveKitDev;
  before(async () => {
    livekit = await startStandIn({ speed: 5 });
  });
  after(() => livekit?.close());
  beforeEach(async () => {
    await livekit.reset();
    await livekit.webhooks.idle();
    await resetWorld({ forensicWatermark: false }); // not the subject here: see resetWorld
    await joinRoom('cardio-101', 'student1');
    await livekit.webhooks.idle();
    await injectFault({ webhooks: { mode: 'drop', count: 1000 } });
  });

  it('moves a recording forward from a poll when its webhooks never arrive, and detects a crash', async () => {
    const rec = await startViaApi();
    await eventually(async () => (await egressStatus(rec.egressId)) === 1, 10_000, 'egress active');
    assert.equal((await recordingDoc(rec.id))?.status, 'starting', 'no webhook moved it');
    assert.equal((await reconcileRecording(rec.id))?.status, 'recording');

    await eventually(async () => (await segmentCount(rec.id)) >= 2, 40_000, 'two segments');
    await injectFault({ crashEgress: rec.egressId });
    await eventually(async () => (await egressStatus(rec.egressId)) === 4, 10_000, 'egress failed');
    const healed = await reconcileRecording(rec.id);
    assert.deepEqual([healed?.status, healed?.reason], ['incomplete', 'egress-failed']);
    await afterIngest(
      async () => (await segmentCount(rec.id)) === healed?.egressSegmentCount,
      'every uploaded segment stored',
      20_000,
    );
    assert.ok((await auditActions({ recordingId: rec.id })).some((a) => a.action === 'crash-detected'));
    assert.ok((await alerts()).some((a) => a.recordingId === rec.id));
  });

  it('re-asks LiveKit to stop when a stop is still unconfirmed 30 s later', async () => {
    const rec = await startViaApi();
    await reconcileRecording(rec.id);
    await eventually(async () => (await segmentCount(rec.id)) >= 2, 40_000, 'two segments');
    // The stop request was lost on the way: the recording says stopping, LiveKit still records.
    await db().doc(`recordings/${rec.id}`).update({ status: 'stopping', stopRequestedAtMs: Date.now() });
    assert.equal((await reconcileRecording(rec.id))?.status, 'stopping', 'not yet: within 30 s');
    assert.equal(await egressStatus(rec.egressId), 1);
    await reconcileRecording(rec.id, Date.now() + 31_000);
    await eventually(async () => (await egressStatus(rec.egressId)) === 3, 15_000, 'egress complete');
    assert.equal((await reconcileRecording(rec.id))?.status, 'ready');
  });

  it('closes a recording whose egress LiveKit no longer knows (lost in a restart)', async () => {
    const rec = await startViaApi();
    await reconcileRecording(rec.id);
    await livekit.reset(); // LiveKit forgot everything
    const healed = await reconcileRecording(rec.id);
    assert.deepEqual([healed?.status, healed?.reason], ['incomplete', 'egress-lost']);
    assert.equal(await lockOf(CARDIO), undefined);
    assert.ok((await auditActions({ recordingId: rec.id })).some((a) => a.action === 'egress-lost'));
  });

  it('keeps recording through a LiveKit restart and ends with contiguous segments', async () => {
    const rec = await startViaApi();
    await reconcileRecording(rec.id);
    await eventually(async () => (await segmentCount(rec.id)) >= 2, 40_000, 'two segments');
    await livekit.restart(1_000);
    const before = await segmentCount(rec.id);
    await eventually(async () => (await segmentCount(rec.id)) >= before + 2, 20_000, 'segments after restart');
    const { admin } = await tokensFor('admin');
    assert.equal(
      (await callApi(`/meetings/${CARDIO}/recording/stop`, { token: admin, method: 'POST', body: {} })).status,
      200,
    );
    await eventually(async () => (await egressStatus(rec.egressId)) === 3, 15_000, 'egress complete');
    const done = await reconcileRecording(rec.id);
    assert.equal(done?.status, 'ready');
    const finalized = await waitForFinalized(rec.id);
    const seqs = await storedSegments(rec.id);
    assert.deepEqual(
      seqs,
      seqs.map((_, i) => i),
      'no gap in segment numbers',
    );
    assert.equal(finalized.egressSegmentCount, seqs.length);
  });

  it('the sweep adopts an egress LiveKit runs for a meeting with no recording doc', async () => {
    // As if the function crashed right after LiveKit accepted the start.
    const info = await egressClient().startRoomCompositeEgress('cardio-101', ingestOutput('rec-orphan'), {
      layout: 'speaker',
    });
    await eventually(async () => (await egressStatus(info.egressId)) === 1, 10_000, 'egress active');
    const report = await sweep();
    assert.deepEqual(report.adopted, ['rec-orphan']);
    const adopted = await recordingDoc('rec-orphan');
    assert.deepEqual(
      [adopted?.status, adopted?.meetingId, adopted?.egressId, adopted?.adopted],
      ['recording', CARDIO, info.egressId, true],
    );
    assert.equal(await lockOf(CARDIO), 'rec-orphan');
    assert.ok((await auditActions({ recordingId: 'rec-orphan' })).some((a) => a.action === 'orphan-adopted'));
    assert.ok((await alerts()).some((a) => a.kind === 'orphan-adopted'));
    assert.deepEqual((await sweep()).adopted, [], 'adopted once');
  });

  it('the sweep recovers the egress id of a start interrupted before it was saved, and writes off a start that never happened', async () => {
    const rec = await startViaApi();
    await db().doc(`recordings/${rec.id}`).update({ egressId: FieldValue.delete() }); // the crash lost the id
    await eventually(async () => (await egressStatus(rec.egressId)) === 1, 10_000, 'egress active');
    await sweep();
    const recovered = await recordingDoc(rec.id);
    assert.deepEqual([recovered?.egressId, recovered?.status], [rec.egressId, 'recording']);

    await db().doc('recordings/rec-never').set({
      meetingId: 'meeting-neuro-201',
      roomName: 'neuro-201',
      status: 'starting',
      createdAtMs: Date.now(),
      startedBy: 'u-admin',
    });
    await db().doc('locks/meeting-neuro-201').set({ recordingId: 'rec-never', createdAtMs: Date.now() });
    assert.equal((await reconcileRecording('rec-never'))?.status, 'starting', 'within the grace period');
    const writtenOff = await reconcileRecording('rec-never', Date.now() + START_GRACE_MS + 1);
    assert.deepEqual([writtenOff?.status, writtenOff?.reason], ['failed', 'egress-lost']);
    assert.equal(await lockOf('meeting-neuro-201'), undefined);
  });

  // The trigger has retry: false: a run that died after the encrypted copy existed (its confirm
  // failed) once left a permanent gap. The sweep drives such a chunk again once it is 60 s old.
  it('the sweep drives again a raw chunk whose confirm was lost: stored, encrypted, counted once, raw chunk gone', async () => {
    const { files } = realSegments();
    const chunk = 'ingest/rec-lost/seg_00000.ts';
    const save = (name: string) => putObject(ingestBucket().file(name), files[0], 'video/mp2t');
    // Uploaded before its recording exists, the chunk is kept by its own trigger run; a sentinel
    // uploaded after it, once ingested, shows that run has had its turn.
    await save(chunk);
    const uploadedAtMs = Date.now();
    await createRecording('rec-sentinel', {
      meetingId: 'meeting-neuro-201',
      status: 'ready',
      createdAtMs: uploadedAtMs,
    });
    await save('ingest/rec-sentinel/seg_00000.ts');
    await eventually(async () => (await segmentCount('rec-sentinel')) === 1, 30_000, 'the sentinel ingested');
    // Now the recording, live on a real egress (writing other names: only our chunk is stranded),
    // with the encrypted copy that a run which died before its confirm leaves behind.
    const egress = await egressClient().startRoomCompositeEgress('cardio-101', ingestOutput('rec-lost', 'cam'), {
      layout: 'speaker',
    });
    await createRecording('rec-lost', { createdAtMs: uploadedAtMs, egressId: egress.egressId });
    await encryptToStorage(chunk, 'rec-lost', 0, await recordingKey('rec-lost'));
    const usageBefore = await totalUsage();

    assert.deepEqual((await sweep(uploadedAtMs + 30_000)).redriven, [], 'a chunk younger than 60 s is left alone');
    assert.ok((await ingestBucket().file(chunk).exists())[0]);
    assert.equal((await db().collection('recordings/rec-lost/segments').get()).size, 0);

    assert.deepEqual((await sweep(uploadedAtMs + 61_000)).redriven, [chunk]);
    const segment = (await db().doc('recordings/rec-lost/segments/00000').get()).data();
    assert.equal(segment?.status, 'confirmed');
    const [stored] = await bucket().file('recordings/rec-lost/segments/00000.ts').download();
    const decipher = segmentDecipher(await recordingKey('rec-lost'), 0);
    assert.ok(
      Buffer.concat([decipher.update(stored), decipher.final()]).equals(files[0]),
      'encrypted, and decrypts to the chunk',
    );
    assert.ok(!(await ingestBucket().file(chunk).exists())[0], 'raw chunk gone');
    const recording = await recordingDoc('rec-lost');
    assert.deepEqual(
      [recording?.status, recording?.confirmedSegments, recording?.storedBytes],
      ['recording', 1, stored.length],
    );
    assert.equal((await totalUsage()).bytes - usageBefore.bytes, stored.length);

    assert.deepEqual((await sweep(uploadedAtMs + 180_000)).redriven, [], 'driven once');
    assert.equal((await totalUsage()).bytes - usageBefore.bytes, stored.length, 'counted once');
    assert.equal((await recordingDoc('rec-lost'))?.confirmedSegments, 1);
  });
});

// ------------------------------------------------------------------------ fault schedules

type Ending = 'complete' | 'short' | 'crash' | 'limit' | 'aborted';
const ENDINGS: Ending[] = ['complete', 'short', 'crash', 'limit', 'aborted'];
const RANK: Record<string, number> = { starting: 0, recording: 1, stopping: 2, ready: 3, incomplete: 3, failed: 3 };

interface EgressEvent {
  event: string;
  status: EgressStatus;
  segments: number;
  ended: boolean;
}

/** The truth of one egress: its events in order, and the state our recording must end in. */
function egressHistory(random: () => number): {
  ending: Ending;
  events: EgressEvent[];
  expected: { status: string; reason?: string; segments: number };
} {
  const ending = ENDINGS[Math.floor(random() * ENDINGS.length)];
  const segments = ending === 'aborted' ? 0 : ending === 'short' ? 1 : 2 + Math.floor(random() * 40);
  const events: EgressEvent[] = [{ event: 'egress_started', status: EgressStatus.STARTING, segments: 0, ended: false }];
  if (ending !== 'aborted') {
    events.push({ event: 'egress_updated', status: EgressStatus.ACTIVE, segments: 0, ended: false });
    for (let k = 1; k < segments; k += 1 + Math.floor(random() * 10)) {
      events.push({ event: 'egress_updated', status: EgressStatus.ACTIVE, segments: k, ended: false });
    }
  }
  if (ending === 'complete' || ending === 'short')
    events.push({ event: 'egress_updated', status: EgressStatus.ENDING, segments, ended: false });
  const last = {
    complete: EgressStatus.COMPLETE,
    short: EgressStatus.COMPLETE,
    crash: EgressStatus.FAILED,
    limit: EgressStatus.LIMIT_REACHED,
    aborted: EgressStatus.ABORTED,
  }[ending];
  events.push({ event: 'egress_ended', status: last, segments, ended: true });
  const expected = {
    complete: { status: 'ready' },
    short: { status: 'incomplete', reason: 'too-short' },
    crash: { status: 'incomplete', reason: 'egress-failed' },
    limit: { status: 'ready', reason: 'limit-reached' },
    aborted: { status: 'incomplete', reason: 'aborted' },
  }[ending];
  return { ending, events, expected: { ...expected, segments } };
}

const T0_NS = 1_790_000_000_000n * 1_000_000n;

function egressInfoJson(recordingId: string, egressId: string, e: EgressEvent) {
  const durationNs = BigInt(e.segments) * 7_000_000_000n;
  return {
    egressId,
    roomName: 'cardio-101',
    status: EGRESS_STATUSES[e.status],
    startedAt: String(T0_NS),
    ...(e.ended ? { endedAt: String(T0_NS + durationNs + 1_000_000_000n) } : {}),
    ...(e.status === EgressStatus.FAILED ? { error: 'process crashed', errorCode: 500 } : {}),
    roomComposite: { roomName: 'cardio-101', segmentOutputs: [{ filenamePrefix: `ingest/${recordingId}/seg` }] },
    segmentResults: [
      { segmentCount: String(e.segments), duration: String(durationNs), size: String(e.segments * 1_600_000) },
    ],
  };
}

// 16 schedules (seeds 1000–1015) reach every ending at least twice, each fault many times over;
// FAULT_SCHEDULES=N runs more (N a multiple of 4) for a longer search, as the soak does with real
// crashes (docs/soak.md).
const SCHEDULES = Number(process.env['FAULT_SCHEDULES'] ?? 16);

describe(`${SCHEDULES} seeded fault schedules of LiveKit webhooks`, function () {
  this.timeout(600_000);
  before(resetWorld);

  it('every schedule ends in the right final state with the right segment count, never moving backwards', async () => {
    const failures: string[] = [];
    const endings = new Set<Ending>();
    const runSchedule = async (n: number) => {
      const random = prng(1000 + n);
      const recordingId = `rec-fault-${n}`;
      const egressId = `EG_fault_${n}`;
      const meetingId = `meeting-fault-${n}`;
      await db().doc(`recordings/${recordingId}`).set({
        meetingId,
        roomName: 'cardio-101',
        status: 'starting',
        createdAtMs: Date.now(),
        startedBy: 'u-admin',
        egressId,
      });
      await db().doc(`locks/${meetingId}`).set({ recordingId, createdAtMs: Date.now() });
      const { events, expected, ending } = egressHistory(random);
      endings.add(ending);

      // Faults: drop, duplicate, function retry (the same delivery twice at once), swap with the
      // next (reorder), and forged copies that must be refused.
      const deliveries = await Promise.all(
        events.map((e) => signWebhook({ event: e.event, egressInfo: egressInfoJson(recordingId, egressId, e) })),
      );
      const plan: { d: (typeof deliveries)[number]; concurrent?: boolean; forged?: boolean }[] = [];
      for (const d of deliveries) {
        const roll = random();
        if (roll < 0.15) continue; // dropped
        plan.push({ d });
        if (roll < 0.3)
          plan.push({ d }); // duplicated
        else if (roll < 0.4) plan.push({ d, concurrent: true }); // function retry racing the first delivery
        if (random() < 0.1)
          plan.push({
            d: {
              ...d,
              authorization: (await signWebhook({ event: 'x' }, { secret: 'forger-forger-forger-forger-forger-00' }))
                .authorization,
            },
            forged: true,
          });
      }
      for (let i = 0; i + 1 < plan.length; i++) if (random() < 0.3) [plan[i], plan[i + 1]] = [plan[i + 1], plan[i]];

      let rank = 0;
      for (let i = 0; i < plan.length; i++) {
        const step = plan[i];
        const sends = step.concurrent
          ? [deliverWithRetries(step.d), deliverWithRetries(step.d)]
          : [deliverWithRetries(step.d)];
        const replies = await Promise.all(sends);
        for (const r of replies)
          if (r.status !== (step.forged ? 401 : 200)) failures.push(`#${n}: delivery ${i} answered ${r.status}`);
        const status = (await recordingDoc(recordingId))?.status as string;
        if (RANK[status] < rank) failures.push(`#${n}: moved backwards to ${status}`);
        rank = RANK[status];
      }
      // Reconciliation: the watchdog's poll applies what LiveKit reports now (the last event).
      const truth = events[events.length - 1];
      await applyEgressSnapshot(
        recordingId,
        {
          egressId,
          roomName: 'cardio-101',
          recordingId,
          status: truth.status,
          startedAtMs: Number(T0_NS / 1_000_000n),
          endedAtMs: Number(T0_NS / 1_000_000n) + truth.segments * 7000 + 1000,
          durationMs: truth.segments * 7000,
          segmentCount: truth.segments,
          error: truth.status === EgressStatus.FAILED ? 'process crashed' : undefined,
        },
        Date.now(),
      );
      const final = await recordingDoc(recordingId);
      const got = { status: final?.status, reason: final?.reason, segments: final?.egressSegmentCount ?? 0 };
      if (
        JSON.stringify(got) !==
        JSON.stringify({ status: expected.status, reason: expected.reason, segments: expected.segments })
      ) {
        failures.push(`#${n}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
      }
      if ((await db().doc(`locks/${meetingId}`).get()).exists) failures.push(`#${n}: lock not released`);
    };
    for (let n = 0; n < SCHEDULES; n += 4) await Promise.all([n, n + 1, n + 2, n + 3].map(runSchedule));
    assert.deepEqual(failures, []);
    assert.deepEqual([...endings].sort(), [...ENDINGS].sort(), 'the schedules reach every ending');
  });
});
