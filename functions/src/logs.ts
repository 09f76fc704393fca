// One named function per log event. Nothing here may log a token, a key, a secret or a full email.
import { logger } from 'firebase-functions';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function webhookRejected(reason: string): void {
  logger.warn('livekit webhook rejected', { reason });
}

/** A signed event refused for good; which field was unusable, never the (possibly huge) value. */
export function webhookRefused(event: string, field: string): void {
  logger.warn('livekit webhook refused', { event: event.slice(0, 64), field });
}

export function webhookReceived(event: string, eventId: string, duplicate: boolean): void {
  logger.info('livekit webhook', { event, eventId, duplicate });
}

export function requestFailed(path: string, error: unknown): void {
  logger.error('request failed', { path, error: messageOf(error) });
}

export function livekitCallFailed(error: unknown): void {
  logger.error('livekit call failed', { error: messageOf(error) });
}

export function reconcileHealed(recordingId: string, what: string): void {
  logger.warn('reconciliation healed a recording', { recordingId, what });
}

export function ingestForUnknownRecording(recordingId: string, objectName: string): void {
  logger.warn('ingest object for an unknown recording kept in place', { recordingId, objectName });
}

export function ingestObjectRefused(recordingId: string, objectName: string, reason: string): void {
  logger.warn('ingest object refused and deleted', { recordingId, objectName, reason });
}

export function strandedChunkRedriven(recordingId: string, seq: number, outcome: string): void {
  logger.warn('sweep drove a raw chunk its trigger run left behind', { recordingId, seq, outcome });
}

export function strandedImageRedriven(recordingId: string, index: number, outcome: string): void {
  logger.warn('sweep drove a captured image its trigger run left behind', { recordingId, index, outcome });
}

export function segmentMissing(recordingId: string, seq: number, reason: string): void {
  logger.error('segment could not be stored', { recordingId, seq, reason });
}

/** A segment the egress cut short, stored as uploaded (domain/ingest/ingest-limits.ts, sourceDamage). */
export function segmentDamagedAtSource(recordingId: string, seq: number, reason: string): void {
  logger.warn('segment damaged at the source, stored as uploaded', { recordingId, seq, reason });
}

/** A marked recording's segment stored plain as both variants (ffmpeg failed after its retries). */
export function forensicMarkSkipped(recordingId: string, seq: number, reason: string): void {
  logger.warn('segment stored without its forensic mark', { recordingId, seq, reason });
}

export function ladderSkipped(recordingId: string, seq: number, reason: string): void {
  logger.warn('segment stored without its lower rungs', { recordingId, seq, reason });
}

export function recordingFinalized(recordingId: string, segments: number, missing: number): void {
  logger.info('recording finalized', { recordingId, segments, missing });
}

/** The sweep's forced finalize of one recording failed; the next sweep tries again. */
export function forcedFinalizeFailed(recordingId: string, error: string): void {
  logger.warn('forced finalize failed; the next sweep tries again', { recordingId, error });
}

/** An access change written to Firestore re-checked the open sessions it touches. */
export function sessionsCut(change: string, sessions: number): void {
  logger.info('access change re-checked open sessions', { change, sessionsCut: sessions });
}
