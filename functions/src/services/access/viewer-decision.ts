// The live decision for one viewer and one recording (the access check over freshly loaded facts),
// and a refusal in words the player can show. Used by playback, by the session cuts that follow an
// access change, and by downloads.
import type { Caller } from '../../domain/access/caller';
import { checkAccess, type AccessDecision } from '../../domain/access/access-check';
import type { PlaybackRefusalCode, RefusalReason } from '../../domain/playback/playback-refusals';
import { Forbidden, NOT_ENROLLED_MESSAGE } from '../../errors';
import { loadAccess } from '../../store/access';

const REFUSALS: Record<RefusalReason, [code: PlaybackRefusalCode, message: string]> = {
  'signed-out': ['unauthenticated', 'Sign in to watch.'],
  'not-enrolled': ['permission-denied', NOT_ENROLLED_MESSAGE],
  'not-found': ['not-found', 'This recording does not exist or was deleted.'],
  'not-playable': ['not-playable', 'This recording cannot be played.'],
  expired: ['recording-expired', 'This recording has expired.'],
  revoked: ['access-revoked', 'Your access to this recording was revoked.'],
  'no-access': ['permission-denied', 'You do not have access to this recording.'],
  superseded: ['session-replaced', 'You started watching on another device or tab; this one was stopped.'],
};

export class PlaybackRefused extends Forbidden {
  constructor(readonly why: string) {
    const [code, message] = REFUSALS[why as RefusalReason] ?? REFUSALS['no-access'];
    super(message, code);
  }
}

export async function decide(actor: Caller, recordingId: string, nowMs: number) {
  const loaded = await loadAccess(actor.uid, recordingId, nowMs);
  const decision: AccessDecision = loaded.user ? checkAccess(loaded.facts) : { allow: false, why: 'not-enrolled' };
  return { ...loaded, decision };
}
