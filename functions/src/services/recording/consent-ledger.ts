// The consent ledger: each participant's answer to the recording banner (sent by the meeting page),
// joined with LiveKit's participant events (the webhook) and the room as it was at the start, so
// that per recording it says who was present, who acknowledged, who left and who never answered.
import type { Caller } from '../../domain/access/caller';
import { consentStatus, type ConsentAnswer, type ConsentStatus } from '../../domain/recording/consent-rules';
import { isActive } from '../../domain/recording/recording-state';
import { Conflict } from '../../errors';
import { ledgerOf, noteAnswer, notePresence } from '../../store/consents';
import { meetingsForRoom } from '../../store/meetings';
import { activeRecordingIdOf, getRecording, type Recording } from '../../store/recordings';
import { participantIdentities } from '../../store/rooms';
import { userNames } from '../../store/users';
import { requireRecordingStaff } from '../attendance/attendance';
import type { LedgerRow } from '@lecturevault/contract';
import { visibleMeeting } from './meetings-directory';

/** POST /api/meetings/:id/recording/consent: the caller's answer, for a recording of that meeting that is running. */
export async function recordConsent(
  actor: Caller,
  meetingId: string,
  body: { recordingId: string; answer: ConsentAnswer },
  nowMs = Date.now(),
): Promise<void> {
  await visibleMeeting(actor, meetingId);
  const recording = await getRecording(body.recordingId);
  if (!recording || recording.meetingId !== meetingId || !isActive(recording.status))
    throw new Conflict('not-recording', 'That recording of this meeting is not running.');
  await noteAnswer(recording, actor.uid, body.answer, nowMs);
}

/** The running recordings of a room's meetings (usually one). */
async function runningRecordingsOf(roomName: string): Promise<Recording[]> {
  const found: Recording[] = [];
  for (const meeting of await meetingsForRoom(roomName)) {
    const id = await activeRecordingIdOf(meeting.id);
    const recording = id ? await getRecording(id) : null;
    if (recording && isActive(recording.status)) found.push(recording);
  }
  return found;
}

/** A participant joined or left a room (webhook): noted on the recordings running in it. */
export async function noteRoomPresence(
  roomName: string,
  identity: string,
  kind: 'present' | 'left',
  atMs: number,
): Promise<void> {
  for (const recording of await runningRecordingsOf(roomName)) await notePresence(recording, identity, { kind, atMs });
}

/** Who was already in the room when a recording started: present from its start. */
export async function notePresentAtStart(recording: {
  id: string;
  meetingId: string;
  roomName: string;
  createdAtMs: number;
}) {
  const identities = await participantIdentities(recording.roomName);
  await Promise.all(
    identities.map((identity) => notePresence(recording, identity, { kind: 'present', atMs: recording.createdAtMs })),
  );
}

/** GET /api/recordings/:id/consent (admins and the meeting's teacher): never-answered first, then by name. */
export async function consentLedgerOf(actor: Caller, recordingId: string): Promise<LedgerRow[]> {
  await requireRecordingStaff(actor, recordingId, 'consent');
  const entries = await ledgerOf(recordingId);
  const names = await userNames(entries.map((e) => e.identity));
  const order: Record<ConsentStatus, number> = { 'never-answered': 0, left: 1, acknowledged: 2 };
  return entries
    .map((e) => ({
      identity: e.identity,
      name: names.get(e.identity) ?? e.identity,
      status: consentStatus(e),
      present: e.joinedAtMs !== null,
      joinedAtMs: e.joinedAtMs,
      leftAtMs: e.leftAtMs,
      answeredAtMs: e.answeredAtMs,
    }))
    .sort((a, b) => order[a.status] - order[b.status] || a.name.localeCompare(b.name));
}
