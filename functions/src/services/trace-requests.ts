// A trace request (POST /api/trace): an admin hands in a clip of a leaked copy and the tracer
// (services/leak-trace.ts) says whom it came from. Admins only, refusals audited like every admin
// action's; the clip is checked before any work; and every trace is audited with its verdict and
// the marks it named (never an email: the audit shows the mark, the marks show the person).
import type { TraceReport } from '../api/wire-schemas';
import { clipRefusal, TRACE_CLIP_MAX_BYTES, type ClipRefusal } from '../domain/trace-clip';
import { DomainError, InvalidInput, PayloadTooLarge, UnsupportedMediaType } from '../errors';
import { writeAudit } from '../store/audit';
import { traceLeak } from './leak-trace';
import { requireAdmin, type AdminActor } from './role-gates';

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

/**
 * The short form of a mark in the audit: a session's first 6 characters, as the watch entry that
 * opened it shows them (so the two can be matched), a download's with its dl_ prefix. The full id
 * of a live session stays out of the log.
 */
const auditMark = (markId: string): string => markId.slice(0, markId.startsWith('dl_') ? 9 : 6);

export async function traceClip(
  actor: AdminActor,
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
  let report: TraceReport;
  try {
    report = await traceLeak(actor, clip.bytes!, options, nowMs);
  } catch (error) {
    const reason = error instanceof DomainError ? error.code : 'tracer-failed';
    await writeAudit(actor, { action: 'trace', outcome: 'error', recordingId: options.recordingId, reason }, nowMs);
    throw error;
  }
  const named = report.suspects.map((s) => auditMark(s.markId));
  await writeAudit(
    actor,
    {
      action: 'trace',
      outcome: 'ok',
      recordingId: report.recordingId ?? options.recordingId,
      reason: `${report.verdict}; ${report.segmentsRead} segment(s) read${named.length ? `; named ${named.join(', ')}` : ''}`,
    },
    nowMs,
  );
  return report;
}
