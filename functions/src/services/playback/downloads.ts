// Downloads: one playable file per recording, the decrypted segments concatenated (MPEG-TS) and
// streamed segment by segment, or remuxed on the way into MP4 (media/mp4-remux.ts: copied, not
// re-encoded), which is what the web app asks for. Browsers take a one-time link and navigate to it, so the file
// streams to disk; API clients may call the token-authenticated route directly. Either way the
// download permission is checked when the bytes start, and the download is audited. A download of
// a marked recording carries a codeword of its own (a download mark, docs/forensic-watermark.md).
import type { Caller } from '../../domain/access/caller';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { checkDownload } from '../../domain/access/access-check';
import { declaredLength, servedPlainBytes } from '../../domain/playback/download-length';
import { newCodewordSeed, variantOf } from '../../domain/forensic/forensic-mark';
import { segmentDecipher } from '../../domain/keys/segment-crypto';
import { Forbidden, NotFound } from '../../errors';
import { downloadLinkBase } from '../../params';
import { loadAccess } from '../../store/access';
import { writeAudit } from '../../store/audit-writer';
import { createDownloadTicket, redeemDownloadTicket } from '../../store/download-tickets';
import { createMark, newDownloadMarkId } from '../../store/forensic-marks';
import { recordingKey } from '../../store/keys';
import { segmentDocs, segmentStream } from '../../store/segments';
import { startMp4Remux } from '../../media/mp4-remux';
import type { DownloadFormat } from '../../store/download-tickets';
import { limitRate } from './session-control';
import { PlaybackRefused } from '../access/viewer-decision';

/** Long enough for the browser to follow the link at once, too short to be worth sharing. */
export const DOWNLOAD_LINK_LIFETIME_MS = 60_000;

/** The download rules over freshly loaded facts; a refusal is audited and thrown. */
export async function authorizeDownload(actor: Caller, recordingId: string, nowMs: number) {
  const { facts, recording, meeting, user } = await loadAccess(actor.uid, recordingId, nowMs);
  const decision = facts.user ? checkDownload(facts) : ({ allow: false, why: 'not-enrolled' } as const);
  if (!decision.allow) {
    await writeAudit(actor, { action: 'download', outcome: 'denied', recordingId, reason: decision.why }, nowMs);
    throw new PlaybackRefused(decision.why);
  }
  return { recording: recording!, user: user!, title: meeting?.title ?? recordingId };
}

export async function download(
  actor: Caller,
  recordingId: string,
  res: Response,
  nowMs = Date.now(),
  format: DownloadFormat = 'ts',
): Promise<void> {
  const { recording, user, title } = await authorizeDownload(actor, recordingId, nowMs);
  const key = await recordingKey(recordingId);
  const segments = (await segmentDocs(recordingId)).filter((s) => s.status === 'confirmed');
  // Recorded before the first byte leaves, like a playback session's: every copy has its mark.
  const codewordSeed = recording.forensicMark ? newCodewordSeed() : undefined;
  if (codewordSeed) {
    await createMark({
      markId: newDownloadMarkId(),
      recordingId,
      kind: 'download',
      uid: actor.uid,
      email: user.email.toLowerCase(),
      name: user.name,
      createdAtMs: nowMs,
      ip: actor.ip,
      codewordSeed,
    });
  }
  const variant = (seq: number) => (codewordSeed ? variantOf(codewordSeed, seq) : undefined);
  await writeAudit(actor, { action: 'download', outcome: 'ok', recordingId, meetingId: recording.meetingId }, nowMs);
  const name = `${title.replace(/[^\w .-]+/g, '_')}.${format}`;
  res.status(200).set({
    'Content-Type': format === 'mp4' ? 'video/mp4' : 'video/mp2t',
    'Content-Disposition': `attachment; filename="${name}"`,
    'Cache-Control': 'no-store',
  });
  const plainSegments = (into: NodeJS.WritableStream) =>
    segments.reduce<Promise<void>>(
      (before, segment) =>
        before.then(() =>
          pipeline(
            segmentStream(recordingId, segment.seq, variant(segment.seq)),
            segmentDecipher(key, segment.seq),
            into,
            {
              end: false,
            },
          ),
        ),
      Promise.resolve(),
    );
  if (format === 'mp4') {
    // No Content-Length: the MP4's size is known only at its end. A download cut short still fails
    // in the browser: the chunked answer then lacks its last chunk.
    const remux = startMp4Remux();
    res.once('close', () => {
      if (!res.writableFinished) remux.abort();
    });
    const feeding = plainSegments(remux.input).then(() => remux.input.end());
    try {
      await Promise.all([pipeline(remux.output, res), feeding, remux.done]);
    } catch (error) {
      remux.abort();
      res.destroy(); // headers are out: a broken stream is the only way left to say it failed
      throw error;
    }
    return;
  }
  // A declared length lets the browser show progress and see a cut download as failed, not short.
  const length = declaredLength(segments.map((s) => ({ plainBytes: servedPlainBytes(s, variant(s.seq)) })));
  if (length !== undefined) res.set('Content-Length', String(length));
  await plainSegments(res);
  res.end();
}

/**
 * Checks the permission now (a refusal is immediate and audited) and issues a one-time link bound
 * to `proof`, the ID token of this request: following the link takes the same token (rate limited).
 */
export async function openDownloadLink(
  actor: Caller,
  recordingId: string,
  proof: string,
  nowMs = Date.now(),
  format: DownloadFormat = 'ts',
): Promise<{ url: string; expiresAtMs: number }> {
  await authorizeDownload(actor, recordingId, nowMs);
  await limitRate('download-link', actor, recordingId, nowMs);
  const expiresAtMs = nowMs + DOWNLOAD_LINK_LIFETIME_MS;
  const ticket = await createDownloadTicket(
    { uid: actor.uid, email: actor.email ?? null, recordingId, expiresAtMs, ...(format === 'mp4' ? { format } : {}) },
    proof,
  );
  return { url: `${downloadLinkBase()}/downloads/${ticket}`, expiresAtMs };
}

/**
 * Follows a one-time link. `caller` is the verified (revocation-checked) owner of `proof`, the ID
 * token the browser posts with the navigation; it must be the token that minted the ticket, and
 * the viewer's permission is checked again.
 */
export async function downloadWithTicket(
  ticketId: string,
  caller: Caller,
  proof: string,
  res: Response,
  nowMs = Date.now(),
): Promise<void> {
  const redeemed = await redeemDownloadTicket(ticketId, proof, nowMs);
  if (!redeemed.ok && redeemed.why === 'gone')
    throw new NotFound('This download link has expired or was already used. Start the download again.');
  if (!redeemed.ok || redeemed.ticket.uid !== caller.uid) {
    await writeAudit(caller, { action: 'download', outcome: 'denied', reason: 'link-of-another-browser' }, nowMs);
    throw new Forbidden(
      'This download link belongs to another browser. Start the download again from LectureVault.',
      'download-link-not-yours',
    );
  }
  await download(caller, redeemed.ticket.recordingId, res, nowMs, redeemed.ticket.format ?? 'ts');
}
