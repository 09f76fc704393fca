// recordings/{id}/captions/{lang}: a recording's captions in one language. This module is shared
// with the caption product (upload, editor, delivery); machine captions enter only through
// saveMachineCaptions, which never overwrites captions a person uploaded or reviewed.
import type { CaptionCue } from '@lecturevault/contract';
import { db } from './firebase';
import { recordingRef } from './recordings';

export const captionsRef = (recordingId: string, lang: string) =>
  recordingRef(recordingId).collection('captions').doc(lang);

/**
 * Stores machine captions as the recording's `lang` captions: { source: 'machine', status:
 * 'machine', cues, version, updatedAtMs }. False (nothing written) when the recording is gone or
 * its captions in that language came from a person.
 */
export async function saveMachineCaptions(
  recordingId: string,
  lang: string,
  cues: readonly CaptionCue[],
  nowMs = Date.now(),
): Promise<boolean> {
  const ref = captionsRef(recordingId, lang);
  return db().runTransaction(async (tx) => {
    const [recording, existing] = await Promise.all([tx.get(recordingRef(recordingId)), tx.get(ref)]);
    if (!recording.exists) return false;
    if (existing.exists && existing.get('source') !== 'machine') return false;
    const version = ((existing.get('version') as number | undefined) ?? 0) + 1;
    tx.set(ref, {
      source: 'machine',
      status: 'machine',
      cues: cues.map((c) => ({ ...c })),
      version,
      updatedAtMs: nowMs,
    });
    return true;
  });
}
