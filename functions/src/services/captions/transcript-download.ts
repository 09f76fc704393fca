// The transcript as a file to keep (.txt or .vtt), under the same rules as downloading the video:
// admins, and the meeting's teacher where the meeting allows it; students never. A refusal is the
// download's own (403, audited); a download is audited with the track and format.
import type { Caller } from '../../domain/access/caller';
import { transcriptFile, type TranscriptFormat } from '../../domain/captions/transcript-file';
import { NotFound } from '../../errors';
import { writeAudit } from '../../store/audit-writer';
import { captionTrack } from '../../store/captions';
import { authorizeDownload } from '../playback/downloads';

export async function transcriptDownload(
  actor: Caller,
  recordingId: string,
  track: string,
  format: TranscriptFormat,
  nowMs = Date.now(),
): Promise<{ fileName: string; contentType: string; text: string }> {
  const { title, recording } = await authorizeDownload(actor, recordingId, nowMs);
  const doc = await captionTrack(recordingId, track);
  if (!doc) throw new NotFound('This recording has no such caption track.');
  await writeAudit(
    actor,
    {
      action: 'download',
      outcome: 'ok',
      recordingId,
      meetingId: recording.meetingId,
      reason: `transcript ${track}.${format}`,
    },
    nowMs,
  );
  return transcriptFile(title, doc.cues, format);
}
