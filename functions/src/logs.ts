// One named function per log event. Nothing here may log a token, a key, a secret or a full email.
import { logger } from 'firebase-functions';
import { maskEmail } from './domain/mask';

export function webhookRejected(reason: string): void {
  logger.warn('livekit webhook rejected', { reason });
}

export function webhookReceived(event: string, eventId: string, duplicate: boolean): void {
  logger.info('livekit webhook', { event, eventId, duplicate });
}

export function ingestObjectIgnored(objectName: string): void {
  logger.debug('storage object outside the ingest prefix ignored', { objectName });
}

export function ingestObjectSeen(recordingId: string, objectName: string, bytes: number): void {
  logger.info('ingest object finalized', { recordingId, objectName, bytes });
}

export function requestFailed(path: string, error: unknown): void {
  logger.error('request failed', { path, error: error instanceof Error ? error.message : String(error) });
}

export function userSignedIn(uid: string, email: string | undefined): void {
  logger.info('api call', { uid, email: email ? maskEmail(email) : undefined });
}

export function livekitCallFailed(error: unknown): void {
  logger.error('livekit call failed', { error: error instanceof Error ? error.message : String(error) });
}

export function recordingTransition(recordingId: string, from: string, to: string, source: string): void {
  logger.info('recording transition', { recordingId, from, to, source });
}

export function reconcileHealed(recordingId: string, what: string): void {
  logger.warn('reconciliation healed a recording', { recordingId, what });
}

export function ingestForUnknownRecording(recordingId: string, objectName: string): void {
  logger.warn('ingest object for an unknown recording kept in place', { recordingId, objectName });
}

export function segmentMissing(recordingId: string, seq: number, reason: string): void {
  logger.error('segment could not be stored', { recordingId, seq, reason });
}

export function recordingFinalized(recordingId: string, segments: number, missing: number): void {
  logger.info('recording finalized', { recordingId, segments, missing });
}
