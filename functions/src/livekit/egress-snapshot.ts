// An SDK EgressInfo (from a webhook or a ListEgress poll) translated into domain facts: plain
// numbers instead of BigInt nanoseconds, and our recording id recovered from the output prefix.
import type { EgressInfo } from 'livekit-server-sdk';
import { recordingIdFromPrefix } from '../domain/ingest/ingest-path';
import type { EgressFacts } from '../domain/recording/recording-state';

/** Egress facts plus what identifies the recording and the room. */
export interface EgressSnapshot extends EgressFacts {
  roomName: string;
  recordingId?: string;
  bytes?: number;
}

const nsToMs = (ns: bigint): number | undefined => (ns > 0n ? Number(ns / 1_000_000n) : undefined);

export function snapshotOf(info: EgressInfo): EgressSnapshot {
  const segments = info.segmentResults[0];
  return {
    egressId: info.egressId,
    roomName: info.roomName,
    status: info.status as number,
    startedAtMs: nsToMs(info.startedAt),
    endedAtMs: nsToMs(info.endedAt),
    error: info.error || undefined,
    segmentCount: segments ? Number(segments.segmentCount) : 0,
    durationMs: segments ? nsToMs(segments.duration) : undefined,
    bytes: segments ? Number(segments.size) : 0,
    recordingId: recordingIdOf(info),
  };
}

/** Our recording id travels inside the egress request (ingest/{recordingId}/seg). */
function recordingIdOf(info: EgressInfo): string | undefined {
  if (info.request.case !== 'roomComposite') return undefined;
  const request = info.request.value;
  const prefix =
    request.segmentOutputs[0]?.filenamePrefix ??
    (request.output.case === 'segments' ? request.output.value.filenamePrefix : undefined);
  return prefix ? recordingIdFromPrefix(prefix) : undefined;
}
