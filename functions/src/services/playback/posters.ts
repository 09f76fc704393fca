// GET /api/recordings/:id/poster: the poster frame, to whoever playback would let watch the
// recording, by the same live decision (services/access/viewer-decision.ts); 404 when it has none.
// Not audited: a library page shows twenty posters, and a poster is not a watch (opening a session is).
import type { Caller } from '../../domain/access/caller';
import { openPoster } from '../../domain/keys/segment-crypto';
import { NotFound } from '../../errors';
import { recordingKey } from '../../store/keys';
import { readPoster } from '../../store/posters';
import { decide, PlaybackRefused } from '../access/viewer-decision';

export async function posterFor(actor: Caller, recordingId: string, nowMs = Date.now()) {
  const { decision, recording } = await decide(actor, recordingId, nowMs);
  if (!decision.allow) throw new PlaybackRefused(decision.why);
  const type = recording?.posterType;
  const sealed = type ? await readPoster(recordingId) : null;
  if (!type || !sealed) throw new NotFound('This recording has no poster frame.');
  return { type, bytes: openPoster(await recordingKey(recordingId), sealed) };
}
