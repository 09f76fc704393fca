// Healing what webhooks missed. The watchdog reconciles one active recording every 30 s; the
// sweep (every minute, and so after any restart) reconciles all of them, adopts egresses LiveKit
// still runs that no recording doc claims, and drives again raw chunks a failed trigger run left
// behind. The clock is a parameter so tests control time.
import { SYSTEM } from '../../domain/access/caller';
import { egressLost, isActive, nextFromEgress } from '../../domain/recording/recording-state';
import { getEgress, listActiveEgresses, stopEgress } from '../../livekit/egress';
import type { EgressSnapshot } from '../../livekit/egress-snapshot';
import * as logs from '../../logs';
import { raiseAlert } from '../../store/alerts';
import { writeAudit } from '../../store/audit-writer';
import { meetingsForRoom } from '../../store/meetings';
import {
  activeRecordingIdOf,
  activeRecordings,
  applyTransition,
  claimAndCreate,
  getRecording,
  newRecordingId,
  patchRecording,
  unfinalizedRecordings,
  type Recording,
} from '../../store/recordings';
import { maybeFinalize } from '../ingest/finalize-recording';
import { redriveStrandedChunks } from '../ingest/segment-ingest';
import { alertFor, applyEgressSnapshot } from './egress-sync';
import { FORCE_STOP_AFTER_MS } from '../recording/recording-lifecycle';

/** A start that never recorded its egress id is given this long before it is written off. */
export const START_GRACE_MS = 60_000;

export async function reconcileRecording(recordingId: string, nowMs = Date.now()): Promise<Recording | null> {
  const recording = await getRecording(recordingId);
  if (!recording || !isActive(recording.status)) return recording;
  if (!recording.egressId) return reconcileInterruptedStart(recording, nowMs);

  const egress = await getEgress(recording.egressId);
  if (!egress) {
    const outcome = await applyTransition(recording.id, (current) => egressLost(current, nowMs), {
      nowMs,
      actor: SYSTEM,
      action: 'egress-lost',
      alert: alertFor,
    });
    if (outcome.kind === 'moved') logs.reconcileHealed(recording.id, 'egress lost');
    return getRecording(recordingId);
  }
  const healed = nextFromEgress(recording, egress);
  await applyEgressSnapshot(recording.id, egress, nowMs);
  if (healed) logs.reconcileHealed(recording.id, `${recording.status} → ${healed.status} from a poll`);

  // A stop LiveKit has not confirmed after 30 s: ask again (the stop request may have been lost).
  if (
    recording.status === 'stopping' &&
    nowMs - (recording.stopRequestedAtMs ?? nowMs) >= FORCE_STOP_AFTER_MS &&
    isActive((await getRecording(recordingId))!.status)
  ) {
    const again = await stopEgress(recording.egressId);
    if (again) await applyEgressSnapshot(recording.id, again, nowMs);
  }
  return getRecording(recordingId);
}

async function reconcileInterruptedStart(recording: Recording, nowMs: number): Promise<Recording | null> {
  const egress = (await listActiveEgresses()).find((e) => e.recordingId === recording.id);
  if (egress) {
    await patchRecording(recording.id, { egressId: egress.egressId });
    await applyEgressSnapshot(recording.id, egress, nowMs);
    await writeAudit(
      SYSTEM,
      {
        action: 'orphan-adopted',
        outcome: 'ok',
        meetingId: recording.meetingId,
        recordingId: recording.id,
        reason: 'egress id recovered',
      },
      nowMs,
    );
  } else if (nowMs - recording.createdAtMs >= START_GRACE_MS) {
    await applyTransition(
      recording.id,
      (current) =>
        isActive(current.status) && !current.egressId
          ? {
              status: 'failed',
              reason: 'egress-lost',
              detail: 'The recording never started.',
              hidden: true,
              alert: true,
            }
          : null,
      { nowMs, actor: SYSTEM, action: 'egress-lost', alert: alertFor },
    );
  }
  return getRecording(recording.id);
}

/** After this long in a final state, a recording is finalized even if segments never arrived. */
export const FINALIZE_GRACE_MS = 2 * 60_000;

export interface SweepReport {
  reconciled: number;
  adopted: string[];
  strayStopped: string[];
  finalized: string[];
  /** Raw chunks driven again (their trigger run ended without a verdict). */
  redriven: string[];
}

export async function sweep(nowMs = Date.now()): Promise<SweepReport> {
  const report: SweepReport = { reconciled: 0, adopted: [], strayStopped: [], finalized: [], redriven: [] };
  for (const recording of await activeRecordings()) {
    await reconcileRecording(recording.id, nowMs);
    report.reconciled++;
  }
  for (const egress of await listActiveEgresses()) {
    const owner = egress.recordingId ? await getRecording(egress.recordingId) : null;
    if (owner && (owner.egressId === egress.egressId || !owner.egressId)) continue;
    await adoptOrStop(egress, nowMs, report);
  }
  // Before finalizing: a re-driven chunk makes its recording whole rather than listed with a gap.
  report.redriven = await redriveStrandedChunks(nowMs);
  for (const recording of await unfinalizedRecordings()) {
    const endedLongAgo = nowMs - (recording.endedAtMs ?? recording.createdAtMs) >= FINALIZE_GRACE_MS;
    if (isActive(recording.status) || !endedLongAgo) continue;
    // One recording failing (a lock timeout on its segment records) must not hold up the others.
    const finalized = await maybeFinalize(recording.id, nowMs, true).catch((error: unknown) => {
      logs.forcedFinalizeFailed(recording.id, (error as Error).message);
      return false;
    });
    if (finalized) report.finalized.push(recording.id);
  }
  return report;
}

/** An egress LiveKit runs that no recording claims: adopt it, or stop it if the meeting already records. */
async function adoptOrStop(egress: EgressSnapshot, nowMs: number, report: SweepReport): Promise<void> {
  const [meeting] = await meetingsForRoom(egress.roomName);
  if (!meeting || (await activeRecordingIdOf(meeting.id))) {
    await stopEgress(egress.egressId);
    report.strayStopped.push(egress.egressId);
    await raiseAlert(
      {
        kind: 'stray-egress',
        message: `Stopped an egress (${egress.egressId}) in room ${egress.roomName} that no recording owned.`,
        meetingId: meeting?.id,
      },
      nowMs,
    );
    return;
  }
  const recording: Recording = {
    id: egress.recordingId ?? newRecordingId(),
    meetingId: meeting.id,
    roomName: egress.roomName,
    status: 'starting',
    createdAtMs: egress.startedAtMs ?? nowMs,
    startedBy: 'system',
    egressId: egress.egressId,
    adopted: true,
    finalized: false,
  };
  if (!(await claimAndCreate(recording))) return; // raced with a start; the next sweep looks again
  await applyEgressSnapshot(recording.id, egress, nowMs);
  report.adopted.push(recording.id);
  await writeAudit(
    SYSTEM,
    { action: 'orphan-adopted', outcome: 'ok', meetingId: meeting.id, recordingId: recording.id },
    nowMs,
  );
  await raiseAlert(
    {
      kind: 'orphan-adopted',
      message: `Adopted a recording LiveKit was still running for ${meeting.title}.`,
      recordingId: recording.id,
      meetingId: meeting.id,
    },
    nowMs,
  );
}
