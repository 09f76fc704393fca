// Use cases of the meeting page: start, stop, force stop, the state on opening, the estimate.
// Participants follow the recording's state as it changes through recordingStates/{meetingId},
// written by the store with every status change (store/recording-states.ts).
// Each reads the caller's role live, applies the guards in order, and audits the outcome.
import { type Caller, SYSTEM } from '../../domain/access/caller';
import { tokensFor } from './recording-details';
import { notePresentAtStart } from './consent-ledger';
import {
  Conflict,
  DomainError,
  Forbidden,
  InsufficientStorage,
  NotEnrolled,
  NotFound,
  Unavailable,
} from '../../errors';
import {
  bytesPerSecond,
  canControlRecording,
  checkStartCapacity,
  estimateRecording,
  type Estimate,
} from '../../domain/recording/recording-guards';
import { forceStop, isActive, stopRequested } from '../../domain/recording/recording-state';
import { defaultLectureTitle, lectureSeconds } from '../../domain/recording/lecture-identity';
import { schoolTimeZone } from '../../params';
import { describeRoom, startSegmentEgress, stopEgress } from '../../livekit/egress';
import { writeAudit } from '../../store/audit-writer';
import { egressUpload } from '../../store/ingest';
import { EgressUploadMisconfigured, type EgressUpload } from '../../domain/ingest/egress-upload';
import * as logs from '../../logs';
import { getMeeting, type Meeting } from '../../store/meetings';
import {
  activeRecordingIdOf,
  applyTransition,
  claimAndCreate,
  countRecordingsOfMeeting,
  discardStart,
  getRecording,
  latestRecordingOfMeeting,
  newRecordingId,
  patchRecording,
  releaseStaleLock,
  type Recording,
} from '../../store/recordings';
import { participantIdentities } from '../../store/rooms';
import { storageFigures } from '../../store/usage';
import { scheduleWatchdog } from '../../store/tasks';
import { applyEgressSnapshot } from '../livekit-sync/egress-sync';
import { visibleMeeting } from './meetings-directory';
import { requireStaff } from '../access/role-gates';
import { getUserProfile, participantNames, type UserProfile } from '../../store/users';

/** After Stop, LiveKit has this long to report the end before Force Stop is offered. */
export const FORCE_STOP_AFTER_MS = 30_000;

export interface StartOptions {
  confirmEmptyRoom: boolean;
  expectedHours: number;
}

async function controllableMeeting(
  actor: Caller,
  meetingId: string,
  action: string,
): Promise<{ user: UserProfile; meeting: Meeting }> {
  const [user, meeting] = await Promise.all([getUserProfile(actor.uid), getMeeting(meetingId)]);
  if (!user) {
    await writeAudit(actor, { action, outcome: 'denied', meetingId, reason: 'not-enrolled' });
    throw new NotEnrolled();
  }
  if (user.role === 'student' || (meeting && !canControlRecording(user, meeting))) {
    await writeAudit(actor, { action, outcome: 'denied', meetingId, reason: 'not-allowed' });
    throw new Forbidden('Only an admin or the meeting’s teacher can control its recording.');
  }
  if (!meeting) throw new NotFound('No such meeting.');
  return { user, meeting };
}

/** For staff only: the free capacity it reveals is no student's business. */
export async function estimateFor(actor: Caller, hours: number): Promise<Estimate> {
  await requireStaff(actor);
  const { figures, usage } = await storageFigures();
  const verdict = checkStartCapacity(figures);
  return estimateRecording(hours, bytesPerSecond(usage), verdict.freeBytes);
}

export async function startRecording(actor: Caller, meetingId: string, options: StartOptions, nowMs = Date.now()) {
  const { user, meeting } = await controllableMeeting(actor, meetingId, 'start');
  try {
    const started = await startGuarded(actor, user.name, meeting, options, nowMs);
    await writeAudit(actor, { action: 'start', outcome: 'ok', meetingId, recordingId: started.recording.id });
    return started;
  } catch (error) {
    // Every refusal (a guard, the lock, LiveKit) is audited with its stable code.
    if (error instanceof DomainError)
      await writeAudit(actor, { action: 'start', outcome: 'refused', meetingId, reason: error.code });
    throw error;
  }
}

/** Egress's upload target and credential, or "engine unavailable" (logged) when they are misconfigured. */
function uploadOrUnavailable(): EgressUpload {
  try {
    return egressUpload();
  } catch (error) {
    if (!(error instanceof EgressUploadMisconfigured)) throw error;
    logs.livekitCallFailed(error);
    throw new Unavailable('engine-misconfigured', 'Recording engine unavailable: its upload is not configured.');
  }
}

/** The guards in order (room, empty room, storage, lock), then the egress; nothing is left half-created. */
async function startGuarded(actor: Caller, actorName: string, meeting: Meeting, options: StartOptions, nowMs: number) {
  const room = await describeRoom(meeting.roomName);
  if (!room.exists)
    throw new Unavailable('room-not-running', 'Recording engine unavailable: the meeting room is not running.');
  if (room.participantCount === 0 && !options.confirmEmptyRoom) {
    throw new Conflict('empty-room', 'Nobody is in the room yet. Start recording anyway?', {
      requiresConfirmation: true,
    });
  }
  const { figures, usage, settings } = await storageFigures();
  const capacity = checkStartCapacity(figures);
  if (!capacity.ok) {
    throw new InsufficientStorage(capacity.code, capacity.message, {
      freeBytes: capacity.freeBytes,
      requiredBytes: figures.safetyMarginBytes,
    });
  }

  const upload = uploadOrUnavailable(); // before the lock: a configuration mistake must not hold it

  // Counted before the lock is claimed: only one start of a meeting gets past it, so no two share a number.
  const lectureNumber = (await countRecordingsOfMeeting(meeting.id)) + 1;
  const recording: Recording = {
    id: newRecordingId(),
    meetingId: meeting.id,
    roomName: meeting.roomName,
    status: 'starting',
    createdAtMs: nowMs,
    startedBy: actor.uid,
    finalized: false,
    lectureNumber,
    searchTokens: await tokensFor(meeting, defaultLectureTitle(lectureNumber, nowMs, schoolTimeZone())),
    // Fixed at the start: a recording's segments all have the same layout, whatever the setting later says.
    forensicMark: settings.forensicWatermark,
    ladder: settings.ladder,
  };
  // A lock left by a crash between steps must not block the meeting forever: free it once and retry.
  const claimed =
    (await claimAndCreate(recording, actorName)) ||
    ((await releaseStaleLock(meeting.id)) && (await claimAndCreate(recording, actorName)));
  if (!claimed) throw new Conflict('recording-in-progress', 'A recording is already in progress.');
  const egressId = await startSegmentEgress(meeting.roomName, recording.id, upload).then(
    (egress) => egress.egressId,
    async (error) => {
      await discardStart(recording);
      throw error;
    },
  );
  await patchRecording(recording.id, { egressId });
  await notePresentAtStart(recording);
  await scheduleWatchdog(recording.id);
  return {
    recording: { id: recording.id, status: recording.status, egressId },
    estimate: estimateRecording(options.expectedHours, bytesPerSecond(usage), capacity.freeBytes),
  };
}

async function activeRecordingOf(meetingId: string): Promise<Recording> {
  const id = await activeRecordingIdOf(meetingId);
  const recording = id ? await getRecording(id) : null;
  if (!recording || !isActive(recording.status))
    throw new Conflict('not-recording', 'No recording is in progress for this meeting.');
  return recording;
}

export async function stopRecording(actor: Caller, meetingId: string, nowMs = Date.now(), action = 'stop') {
  if (actor.uid !== SYSTEM.uid) await controllableMeeting(actor, meetingId, action);
  const recording = await activeRecordingOf(meetingId);
  const outcome = await applyTransition(recording.id, stopRequested, {
    nowMs,
    actor,
    patch: (current) => (current.stopRequestedAtMs ? {} : { stopRequestedAtMs: nowMs }),
  });
  await writeAudit(actor, { action, outcome: 'ok', meetingId, recordingId: recording.id }, nowMs);
  if (recording.egressId) {
    const egress = await stopEgress(recording.egressId);
    if (egress) await applyEgressSnapshot(recording.id, egress, Date.now());
  }
  await scheduleWatchdog(recording.id);
  return {
    recording: { id: recording.id, status: outcome.kind === 'moved' ? outcome.recording.status : recording.status },
  };
}

export async function forceStopRecording(actor: Caller, meetingId: string, nowMs = Date.now()) {
  const { user } = await controllableMeeting(actor, meetingId, 'force-stop');
  const recording = await activeRecordingOf(meetingId);
  if (recording.status !== 'stopping' || nowMs - (recording.stopRequestedAtMs ?? nowMs) < FORCE_STOP_AFTER_MS) {
    throw new Conflict(
      'force-stop-too-early',
      'Press Stop first; Force Stop is offered if the recording has not ended 30 s later.',
    );
  }
  if (recording.egressId) await stopEgress(recording.egressId).catch(() => null); // abort; the outcome is ours to decide
  const outcome = await applyTransition(recording.id, (current) => forceStop(current, nowMs, user.name), {
    nowMs,
    actor,
    action: 'force-stop',
  });
  return {
    recording: { id: recording.id, status: outcome.kind === 'moved' ? outcome.recording.status : recording.status },
  };
}

/** What the meeting page polls, for those who may see the meeting: O(1) reads (user, meeting, membership, room, latest recording). */
export async function recordingState(actor: Caller, meetingId: string, nowMs = Date.now()) {
  const { user, meeting } = await visibleMeeting(actor, meetingId);
  // Names follow LiveKit's answer while the recording query runs: one round trip fewer per 2 s poll.
  const [participants, latest] = await Promise.all([
    participantIdentities(meeting.roomName).then(participantNames),
    latestRecordingOfMeeting(meetingId),
  ]);
  const active = latest && isActive(latest.status);
  return {
    meetingId,
    title: meeting.title,
    roomName: meeting.roomName,
    participantCount: participants.length,
    participants,
    canControl: canControlRecording(user, meeting),
    recording: latest && {
      id: latest.id,
      status: latest.status,
      startedAtMs: latest.startedAtMs ?? null,
      elapsedSeconds:
        active && latest.startedAtMs
          ? Math.max(0, Math.floor((nowMs - latest.startedAtMs) / 1000))
          : lectureSeconds(latest),
      stopRequestedAtMs: latest.stopRequestedAtMs ?? null,
      forceStopAvailable:
        latest.status === 'stopping' && nowMs - (latest.stopRequestedAtMs ?? nowMs) >= FORCE_STOP_AFTER_MS,
      reason: latest.reason ?? null,
      detail: latest.detail ?? null,
    },
  };
}
