// Caption tracks: recordings/{id}/captions/{track} holds a track's current cues (`en` for captions,
// `en_descriptions` for a description track), each save a new version with the one it replaces
// kept under versions/{n}; transcriptIndex/{recordingId}_{track} holds the words a caption track
// is found by (the transcript search), written in the same transaction; captionTiming/segment0 the
// first segment's first timestamp (what subtitle playlists map cue time 0 to), measured once.
// No client reads any of these (firestore.rules): the API runs the access check first.
import type { CaptionCue, CaptionKind } from '@lecturevault/contract';
import type { Transaction } from 'firebase-admin/firestore';
import { wordsOfCues } from '../domain/captions/transcript-search';
import { db } from './firebase';
import { indexedQuery } from './indexed-query';

export type CaptionSource = 'machine' | 'upload' | 'edited';
export type CaptionStatus = 'machine' | 'reviewed';

export interface CaptionDoc {
  lang: string;
  kind: CaptionKind;
  source: CaptionSource;
  status: CaptionStatus;
  cues: CaptionCue[];
  version: number;
  updatedAtMs: number;
  /** The uid of whoever saved it; "speech-to-text" for machine captions. */
  updatedBy: string;
}

export interface TranscriptIndexDoc {
  recordingId: string;
  meetingId: string;
  lang: string;
  words: string[];
}

/** The writer of machine captions, as `updatedBy` records it. */
export const MACHINE_AUTHOR = 'speech-to-text';

/** A track's document id: the language for captions, `{lang}_descriptions` for a description track. */
export const trackId = (lang: string, kind: CaptionKind): string =>
  kind === 'captions' ? lang : `${lang}_descriptions`;

const tracks = (recordingId: string) => db().collection('recordings').doc(recordingId).collection('captions');
const index = () => db().collection('transcriptIndex');
const timingRef = (recordingId: string) =>
  db().collection('recordings').doc(recordingId).collection('captionTiming').doc('segment0');

export async function captionTracks(recordingId: string): Promise<CaptionDoc[]> {
  const snap = await tracks(recordingId).get();
  return snap.docs.map((d) => d.data() as CaptionDoc);
}

export async function captionTrack(recordingId: string, track: string): Promise<CaptionDoc | null> {
  const snap = await tracks(recordingId).doc(track).get();
  return snap.exists ? (snap.data() as CaptionDoc) : null;
}

/** Whether a recording has any caption track (a session's playlist then carries subtitles). */
export async function hasCaptions(recordingId: string): Promise<boolean> {
  const snap = await tracks(recordingId).select().limit(1).get();
  return !snap.empty;
}

export interface CaptionWrite {
  recordingId: string;
  meetingId: string;
  lang: string;
  kind: CaptionKind;
  source: CaptionSource;
  status: CaptionStatus;
  cues: CaptionCue[];
  updatedBy: string;
  /** The words the transcript search finds this track by (captions only). */
  words: string[];
  nowMs: number;
}

/**
 * Writes a new version of a track in one transaction, keeping the one it replaces under
 * versions/{n}. `decide` sees the current document first and may refuse (throw) or skip the write
 * (return false): a stale edit, machine captions arriving over reviewed ones.
 */
export async function saveCaptionVersion(
  write: CaptionWrite,
  decide: (current: CaptionDoc | null, tx: Transaction) => boolean = () => true,
): Promise<{ saved: boolean; doc: CaptionDoc | null }> {
  const id = trackId(write.lang, write.kind);
  const ref = tracks(write.recordingId).doc(id);
  return db().runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    const current = snap.exists ? (snap.data() as CaptionDoc) : null;
    if (!decide(current, tx)) return { saved: false, doc: current };
    if (current) tx.set(ref.collection('versions').doc(String(current.version)), current);
    const doc: CaptionDoc = {
      lang: write.lang,
      kind: write.kind,
      source: write.source,
      status: write.status,
      cues: write.cues,
      version: (current?.version ?? 0) + 1,
      updatedAtMs: write.nowMs,
      updatedBy: write.updatedBy,
    };
    tx.set(ref, doc);
    if (write.kind === 'captions') {
      const entry: TranscriptIndexDoc = {
        recordingId: write.recordingId,
        meetingId: write.meetingId,
        lang: write.lang,
        words: write.words,
      };
      tx.set(index().doc(`${write.recordingId}_${id}`), entry);
    }
    return { saved: true, doc };
  });
}

/** An earlier version of a track (the editor's history), or null. */
export async function captionVersion(recordingId: string, track: string, version: number): Promise<CaptionDoc | null> {
  const snap = await tracks(recordingId).doc(track).collection('versions').doc(String(version)).get();
  return snap.exists ? (snap.data() as CaptionDoc) : null;
}

/**
 * Machine captions from the speech pipeline. They replace machine captions (the old ones kept as a
 * version) but never reviewed ones: a track a person uploaded or edited stays as it is, and the
 * machine result is kept beside it as versions/machine-{ms} (for an editor to compare), never shown.
 * Returns whether the track now holds these cues.
 */
export async function saveMachineCaptions(
  recordingId: string,
  lang: string,
  cues: CaptionCue[],
  nowMs = Date.now(),
): Promise<'saved' | 'kept-reviewed'> {
  const recording = await db().collection('recordings').doc(recordingId).get();
  const meetingId = (recording.get('meetingId') as string | undefined) ?? '';
  const ref = tracks(recordingId).doc(trackId(lang, 'captions'));
  const { saved } = await saveCaptionVersion(
    {
      recordingId,
      meetingId,
      lang,
      kind: 'captions',
      source: 'machine',
      status: 'machine',
      cues,
      updatedBy: MACHINE_AUTHOR,
      words: wordsOfCues(cues),
      nowMs,
    },
    (current, tx) => {
      if (current?.status !== 'reviewed') return true;
      const kept: CaptionDoc = {
        ...current,
        source: 'machine',
        status: 'machine',
        cues,
        version: 0,
        updatedAtMs: nowMs,
        updatedBy: MACHINE_AUTHOR,
      };
      tx.set(ref.collection('versions').doc(`machine-${nowMs}`), kept);
      return false;
    },
  );
  return saved ? 'saved' : 'kept-reviewed';
}

/**
 * The caption tracks whose transcripts hold `word`, of these meetings or of these recordings (granted
 * ones outside the caller's meetings), 30 values a query (Firestore's `in` limit).
 */
export async function transcriptsWithWord(
  by: 'meetingId' | 'recordingId',
  values: readonly string[],
  word: string,
): Promise<TranscriptIndexDoc[]> {
  const found: TranscriptIndexDoc[] = [];
  for (let i = 0; i < values.length; i += 30) {
    const snap = await indexedQuery(index(), {
      anyOf: { [by]: values.slice(i, i + 30) },
      contains: ['words', word],
    }).get();
    found.push(...snap.docs.map((d) => d.data() as TranscriptIndexDoc));
  }
  return found;
}

/** The first timestamp of a recording's segment 0 (90 kHz ticks), once measured. */
export async function segmentZeroPts(recordingId: string): Promise<number | null> {
  const snap = await timingRef(recordingId).get();
  return snap.exists ? (snap.get('pts') as number) : null;
}

export async function saveSegmentZeroPts(recordingId: string, pts: number, nowMs: number): Promise<void> {
  await timingRef(recordingId).set({ pts, measuredAtMs: nowMs });
}

/** Every caption track, its versions, its index entries and its timing: a deleted recording leaves no transcript. */
export async function deleteCaptions(recordingId: string): Promise<void> {
  const entries = await indexedQuery(index(), { equals: { recordingId } }).get();
  await Promise.all(entries.docs.map((d) => d.ref.delete()));
  await db().recursiveDelete(tracks(recordingId));
  await timingRef(recordingId).delete();
}
