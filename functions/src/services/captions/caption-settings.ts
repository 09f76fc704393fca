// Who may tune machine captions: an admin chooses standard or Dynamic Batch for the whole school;
// an admin or the meeting's own teacher sets a course's phrase list (its drug names, eponyms,
// terms). Both audited; the list is what recognition is biased towards (machine-captions.ts).
import type { SpeechBatchMode } from '@lecturevault/contract';
import type { Caller } from '../../domain/access/caller';
import { Forbidden, NotFound } from '../../errors';
import { writeAudit } from '../../store/audit-writer';
import { getMeeting, setSpeechPhrases, speechPhrasesOf } from '../../store/meetings';
import { saveSpeechBatch } from '../../store/settings';
import { requireAdmin, requireEnrolled } from '../access/role-gates';

export async function setSpeechBatch(actor: Caller, mode: SpeechBatchMode): Promise<void> {
  await requireAdmin(actor, 'set-speech-batch');
  await saveSpeechBatch(mode);
  await writeAudit(actor, { action: 'set-speech-batch', outcome: 'ok', reason: mode });
}

/** The meeting, if the caller is an admin or its teacher; a refusal is audited under `action`. */
async function requirePhraseEditor(actor: Caller, meetingId: string, action: string, nowMs: number) {
  const user = await requireEnrolled(actor);
  const meeting = await getMeeting(meetingId);
  const allowed = user.role === 'admin' || (user.role === 'teacher' && meeting?.teacherUid === actor.uid);
  if (!allowed) {
    await writeAudit(actor, { action, outcome: 'denied', meetingId, reason: user.role }, nowMs);
    throw new Forbidden('Only an admin or this meeting’s teacher can see or change its phrase list.');
  }
  if (!meeting) throw new NotFound('No such meeting.');
  return meeting;
}

/** The course's phrase list as stored (the console's form shows it). */
export async function coursePhrases(actor: Caller, meetingId: string, nowMs = Date.now()): Promise<string[]> {
  return speechPhrasesOf(await requirePhraseEditor(actor, meetingId, 'read-speech-phrases', nowMs));
}

/** Replaces the course's phrase list; the lists of recordings already captioned are not redone. */
export async function setCoursePhrases(
  actor: Caller,
  meetingId: string,
  phrases: readonly string[],
  nowMs = Date.now(),
): Promise<string[]> {
  await requirePhraseEditor(actor, meetingId, 'set-speech-phrases', nowMs);
  // De-duplicated case-blind, first spelling kept, in the order given: the list is shown back as stored.
  const seen = new Set<string>();
  const unique = phrases.filter((p) => !seen.has(p.toLowerCase()) && seen.add(p.toLowerCase()));
  await setSpeechPhrases(meetingId, unique);
  await writeAudit(
    actor,
    { action: 'set-speech-phrases', outcome: 'ok', meetingId, reason: `${unique.length} phrases` },
    nowMs,
  );
  return unique;
}
