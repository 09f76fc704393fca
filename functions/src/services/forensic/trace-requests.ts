// A trace request (POST /api/trace): an admin hands in a clip of a leaked copy and the tracer
// (services/forensic/leak-trace.ts) says whom it came from. Admins only, refusals audited like every admin
// action's; the clip is checked before any work; a refused or failed trace is audited here, a
// finished one by the tracer itself (its verdict and the marks it named, never an email).
import type { Caller } from '../../domain/access/caller';
import { clipRefusal, TRACE_CLIP_MAX_BYTES, type ClipRefusal } from '../../domain/forensic/trace-clip';
import { DomainError, InvalidInput, PayloadTooLarge, UnsupportedMediaType } from '../../errors';
import { writeAudit } from '../../store/audit-writer';
import type { TraceReport } from '@lecturevault/contract';
import { traceLeak } from './leak-trace';
import { requireAdmin } from '../access/role-gates';

export interface Clip {
  /** The request's bytes as received; undefined when it had no body. */
  bytes: Buffer | undefined;
  contentType: string | undefined;
}

const REFUSED: Record<ClipRefusal, () => DomainError> = {
  'not-video': () =>
    new UnsupportedMediaType('Send the clip as the raw body, with Content-Type video/* or application/octet-stream.'),
  empty: () => new InvalidInput('The clip is empty: send the video file as the request body.'),
  'too-large': () =>
    new PayloadTooLarge(
      `The clip is larger than ${TRACE_CLIP_MAX_BYTES / 1024 / 1024} MiB: cut a shorter part of it.`,
      {
        maxBytes: TRACE_CLIP_MAX_BYTES,
      },
    ),
};

export async function traceClip(
  actor: Caller,
  clip: Clip,
  options: { recordingId?: string },
  nowMs = Date.now(),
): Promise<TraceReport> {
  await requireAdmin(actor, 'trace', options.recordingId);
  const refusal = clipRefusal(clip.bytes?.length ?? 0, clip.contentType);
  if (refusal) {
    await writeAudit(
      actor,
      { action: 'trace', outcome: 'refused', recordingId: options.recordingId, reason: refusal },
      nowMs,
    );
    throw REFUSED[refusal]();
  }
  try {
    // traceLeak audits the trace it made (its verdict and the marks it named): one entry per trace.
    return await traceLeak(actor, clip.bytes!, options, nowMs);
  } catch (error) {
    // A clip it cannot read, or a recording it does not know, is the caller's; anything else ours.
    const refused = error instanceof DomainError;
    await writeAudit(
      actor,
      {
        action: 'trace',
        outcome: refused ? 'refused' : 'error',
        recordingId: options.recordingId,
        reason: refused ? error.code : 'tracer-failed',
      },
      nowMs,
    );
    throw error;
  }
}
