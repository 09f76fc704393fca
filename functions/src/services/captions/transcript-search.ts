// GET /api/transcripts: the moments where words were said, in recordings the caller may watch.
// The library's scope decides what that is (services/library/library.ts: the same meetings, grants
// and per-recording access check as its pages), so a result never names a recording its viewer
// could not open; the words are matched over transcriptIndex/ then in the cues themselves.
import type { TranscriptHit } from '@lecturevault/contract';
import type { Caller } from '../../domain/access/caller';
import { momentsOf, transcriptQueryWords } from '../../domain/captions/transcript-search';
import { InvalidInput } from '../../errors';
import { captionTrack, transcriptsWithWord, trackId } from '../../store/captions';
import { recordingsByIds } from '../../store/recordings';
import { scopeOf } from '../library/library';

/** Recordings one search lists (each with up to MAX_MOMENTS moments). */
const MAX_RECORDINGS = 20;

export async function searchTranscripts(
  actor: Caller,
  query: { q: string; meetingId?: string },
  nowMs = Date.now(),
): Promise<TranscriptHit[]> {
  const words = transcriptQueryWords(query.q);
  if (!words.length) throw new InvalidInput('q: type a word of at least two letters');
  const scope = await scopeOf(actor, nowMs);
  const inFilter = (meetingId: string) => !query.meetingId || meetingId === query.meetingId;
  const meetingIds = scope.meetingIds.filter(inFilter);
  const inMeetings = new Set(scope.meetingIds);
  const granted = [...scope.granted];
  const [byMeeting, byGrant] = await Promise.all([
    transcriptsWithWord('meetingId', meetingIds, words[0]!),
    transcriptsWithWord('recordingId', granted, words[0]!),
  ]);
  const entries = [...byMeeting, ...byGrant.filter((e) => !inMeetings.has(e.meetingId))].filter(
    (e) => inFilter(e.meetingId) && words.every((w) => e.words.includes(w)),
  );
  const ids = [...new Set(entries.map((e) => e.recordingId))];
  // The access check on each recording, live: a deleted, hidden, expired or revoked one drops out.
  const recordings = (await recordingsByIds(ids)).filter(scope.visible).slice(0, MAX_RECORDINGS);
  const hits = await Promise.all(
    recordings.map(async (r): Promise<TranscriptHit | null> => {
      const langs = entries.filter((e) => e.recordingId === r.id).map((e) => e.lang);
      const moments = [];
      for (const lang of langs) {
        const track = await captionTrack(r.id, trackId(lang, 'captions'));
        moments.push(...momentsOf(track?.cues ?? [], words));
      }
      if (!moments.length) return null;
      const title = r.title ?? scope.meetings.get(r.meetingId)?.title ?? r.meetingId;
      return {
        recordingId: r.id,
        title,
        meetingId: r.meetingId,
        moments: moments.sort((a, b) => a.startMs - b.startMs),
      };
    }),
  );
  return hits.filter((h): h is TranscriptHit => h !== null);
}
