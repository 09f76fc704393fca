// Caption tracks as people use them: anyone who may watch a recording reads its tracks (the
// player's menu, the transcript panel); an admin or the meeting's teacher uploads a WebVTT or SRT
// file (a caption or a description track) and edits cues. Every human save is a new version,
// status "reviewed", audited; a refused file or edit changes nothing and says why (400/409).
import type { CaptionCue, CaptionKind, CaptionTrack, CaptionTrackInfo } from '@lecturevault/contract';
import type { Caller } from '../../domain/access/caller';
import { checkDownload } from '../../domain/access/access-check';
import { CaptionFileError, checkCues, parseCaptionFile } from '../../domain/captions/caption-file';
import { wordsOfCues } from '../../domain/captions/transcript-search';
import { Conflict, InvalidInput, NotFound } from '../../errors';
import { writeAudit } from '../../store/audit-writer';
import {
  captionTrack,
  captionTracks,
  saveCaptionVersion,
  trackId,
  type CaptionDoc,
  type CaptionSource,
} from '../../store/captions';
import type { Recording } from '../../store/recordings';
import { decide, PlaybackRefused } from '../access/viewer-decision';
import { requireRecordingStaff } from '../attendance/attendance';

const infoOf = (doc: CaptionDoc): CaptionTrackInfo => ({
  lang: doc.lang,
  kind: doc.kind,
  source: doc.source,
  status: doc.status,
  version: doc.version,
  updatedAtMs: doc.updatedAtMs,
  cueCount: doc.cues.length,
});

/** The access facts, if the caller may watch the recording (the playback decision) or edit its captions. */
async function requireReader(actor: Caller, recordingId: string, nowMs: number) {
  const { decision, facts } = await decide(actor, recordingId, nowMs);
  if (!decision.allow) throw new PlaybackRefused(decision.why);
  return facts;
}

/** The tracks, and whether the download rules let this caller keep the transcript as a file. */
export async function listTracks(
  actor: Caller,
  recordingId: string,
  nowMs = Date.now(),
): Promise<{ tracks: CaptionTrackInfo[]; canDownload: boolean }> {
  const facts = await requireReader(actor, recordingId, nowMs);
  const tracks = (await captionTracks(recordingId)).map(infoOf);
  return { tracks, canDownload: checkDownload(facts).allow };
}

export async function readTrack(
  actor: Caller,
  recordingId: string,
  track: string,
  nowMs = Date.now(),
): Promise<CaptionTrack> {
  await requireReader(actor, recordingId, nowMs);
  const doc = await captionTrack(recordingId, track);
  if (!doc) throw new NotFound('This recording has no such caption track.');
  return { ...infoOf(doc), cues: doc.cues };
}

async function saveHuman(
  actor: Caller,
  recording: Recording,
  track: { lang: string; kind: CaptionKind; source: CaptionSource; cues: CaptionCue[]; baseVersion?: number },
  nowMs: number,
): Promise<CaptionTrackInfo> {
  const { saved, doc } = await saveCaptionVersion(
    {
      recordingId: recording.id,
      meetingId: recording.meetingId,
      lang: track.lang,
      kind: track.kind,
      source: track.source,
      status: 'reviewed',
      cues: track.cues,
      updatedBy: actor.uid,
      words: track.kind === 'captions' ? wordsOfCues(track.cues) : [],
      nowMs,
    },
    (current) => {
      if (track.baseVersion === undefined) return true;
      if (!current) throw new NotFound('This recording has no such caption track.');
      if (current.version !== track.baseVersion)
        throw new Conflict(
          'caption-changed',
          `Someone saved version ${current.version} of these captions since you opened version ${track.baseVersion}. Reload to see it, then edit again.`,
        );
      return true;
    },
  );
  const info = infoOf(doc!);
  await writeAudit(
    actor,
    {
      action: 'captions',
      outcome: saved ? 'ok' : 'refused',
      recordingId: recording.id,
      reason: `${track.source} ${trackId(track.lang, track.kind)} v${info.version}, ${info.cueCount} cues`,
    },
    nowMs,
  );
  return info;
}

function parsed<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof CaptionFileError) throw new InvalidInput(error.message);
    throw error;
  }
}

/** POST /api/recordings/:id/captions: a WebVTT or SRT file becomes the track's new, reviewed version. */
export async function uploadTrack(
  actor: Caller,
  recordingId: string,
  body: { lang: string; kind: CaptionKind; text: string },
  nowMs = Date.now(),
): Promise<CaptionTrackInfo> {
  const recording = await requireRecordingStaff(actor, recordingId, 'captions');
  const cues = parsed(() => parseCaptionFile(body.text));
  return saveHuman(actor, recording, { lang: body.lang, kind: body.kind, source: 'upload', cues }, nowMs);
}

/** PUT /api/recordings/:id/captions/:track: edited cues, saved over the version they were read at. */
export async function editTrack(
  actor: Caller,
  recordingId: string,
  track: string,
  body: { baseVersion: number; cues: CaptionCue[] },
  nowMs = Date.now(),
): Promise<CaptionTrackInfo> {
  const recording = await requireRecordingStaff(actor, recordingId, 'captions');
  const match = /^([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)(_descriptions)?$/.exec(track);
  if (!match) throw new NotFound('This recording has no such caption track.');
  const cues = parsed(() => checkCues(body.cues));
  const kind: CaptionKind = match[2] ? 'descriptions' : 'captions';
  return saveHuman(
    actor,
    recording,
    { lang: match[1]!, kind, source: 'edited', cues, baseVersion: body.baseVersion },
    nowMs,
  );
}
