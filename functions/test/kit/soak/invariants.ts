// What must hold after every soak schedule once its recording has settled, each check with its
// own failure message: nothing the egress confirmed as uploaded is lost without the recording
// saying so, the playlist plays end to end, no plaintext is left behind, usage matches the stored
// bytes, one final state, its alerts once, no lock.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ingestPrefix, parseIngestPath } from '../../../src/domain/ingest/ingest-path';
import { segmentDecipher } from '../../../src/domain/keys/segment-crypto';
import { recordingKey } from '../../../src/store/keys';
import { bucket, db, ingestBucket } from '../emulators';
import { seq5 } from '../names';
import { alerts, auditActions, lockOf, recordingDoc, totalUsage, type Doc } from '../recordings';

export interface SettledRecording {
  recordingId: string;
  meetingId: string;
  /** Sequence numbers the egress reported uploaded (its own record, read before any reset). */
  uploaded: number[];
  forensicMark: boolean;
  /** Total usage bytes before the schedule's recording started. */
  usageBytesBefore: number;
}

export interface Verdict {
  failures: string[];
  /** Segments the egress uploaded that are stored. */
  stored: number;
  /** Segments the egress uploaded that the recording lists as missing (with their reasons). */
  lost: { seq: number; reason: string }[];
  /** Segments stored but damaged before we received them (cut short at the egress), noted on their records. */
  damagedAtEgress: number;
  status: string;
  reason?: string;
}

const TERMINAL = ['ready', 'incomplete', 'failed'];
// The end reasons that raise an alert (domain/recording/recording-state.ts), plus the upload gap.
const ALERTED_REASONS = ['egress-failed', 'egress-lost', 'limit-reached'];

/** The objects one stored segment consists of, by its doc: plain, or both variants (and the reference). */
function objectsOf(recordingId: string, segment: Doc): string[] {
  const base = `recordings/${recordingId}/segments/${seq5(segment['seq'] as number)}`;
  if (segment['mark'] === 'ab')
    return [`${base}.a.ts`, `${base}.b.ts`, `recordings/${recordingId}/forensic/${seq5(segment['seq'] as number)}.ref`];
  if (segment['mark'] === 'none') return [`${base}.a.ts`, `${base}.b.ts`];
  return [`${base}.ts`];
}

/**
 * Raw objects of the recording still in the ingest bucket that should not be: only the raw chunk of
 * a segment the recording lists missing (with its reason and alert) may stay, for an admin and the
 * bucket's lifecycle rule.
 */
export async function plaintextLeft(id: string): Promise<string[]> {
  const [left] = await ingestBucket().getFiles({ prefix: ingestPrefix(id) });
  const missing = new Set(((await recordingDoc(id))?.['missingSegments'] as number[] | undefined) ?? []);
  return left
    .map((file) => file.name)
    .filter((name) => {
      const parsed = parseIngestPath(name);
      return parsed?.kind !== 'segment' || !missing.has(parsed.seq);
    });
}

/** What the segment record says one of its objects holds (size and CRC32C). */
function recordedObject(segment: Doc, name: string): { bytes: number; crc32c: string } | undefined {
  const variants = segment['variants'] as Record<string, { bytes: number; crc32c: string }> | undefined;
  if (!variants) return { bytes: Number(segment['bytes']), crc32c: String(segment['crc32c']) };
  return variants[name.endsWith('.ref') ? 'ref' : name.endsWith('.a.ts') ? 'a' : 'b'];
}

function decrypt(key: Buffer, seq: number, body: Buffer): Buffer {
  const decipher = segmentDecipher(key, seq);
  return Buffer.concat([decipher.update(body), decipher.final()]);
}

export async function checkInvariants(s: SettledRecording): Promise<Verdict> {
  const failures: string[] = [];
  const fail = (message: string) => failures.push(message);
  const id = s.recordingId;
  const recording = (await db().doc(`recordings/${id}`).get()).data() ?? {};
  const status = recording['status'] as string;
  const verdict: Verdict = {
    failures,
    stored: 0,
    lost: [],
    damagedAtEgress: 0,
    status,
    reason: recording['reason'] as string | undefined,
  };

  // One final state, finalized.
  if (!TERMINAL.includes(status)) fail(`final state: the recording is "${status}", not ready/incomplete/failed`);
  if (recording['finalized'] !== true && status !== 'failed') fail('final state: the recording was never finalized');
  if (status === 'incomplete' && !recording['reason']) fail('final state: incomplete without a reason');
  const ended = (await auditActions({ recordingId: id })).filter((a) => a['action'] !== 'start');
  const endings = ended.filter((a) => a['outcome'] === 'ok' && typeof a['reason'] === 'string');
  if (endings.length !== 1)
    fail(
      `transitions: ${endings.length} final transitions audited (${endings.map((a) => `${a['action']}:${a['reason']}`).join(', ')}), expected exactly 1`,
    );
  else {
    const audited = endings[0]['reason'];
    const allowed = [status, recording['reason'], recording['reason'] === 'upload-gap' ? 'ready' : undefined];
    if (!allowed.includes(audited))
      fail(
        `transitions: audited end "${String(audited)}" but the recording is ${status}/${String(recording['reason'])}`,
      );
  }

  // Every uploaded segment stored encrypted and listed, or listed missing with its reason.
  const segments = new Map(
    (await db().collection(`recordings/${id}/segments`).get()).docs.map((d) => [
      d.get('seq') as number,
      { id: d.id, ...d.data() } as Doc,
    ]),
  );
  const missingListed = new Set((recording['missingSegments'] as number[] | undefined) ?? []);
  const template = ((await db().doc(`playlists/${id}`).get()).get('template') as string | undefined) ?? '';
  const key = status === 'failed' && !s.uploaded.length ? undefined : await recordingKey(id).catch(() => undefined);
  if (!key && s.uploaded.length) fail('encryption: the recording has no key to decrypt its segments');
  let storedBytes = 0;
  for (const seg of segments.values()) if (seg['status'] === 'confirmed') storedBytes += Number(seg['bytes'] ?? 0);
  const listed = (seq: number) =>
    new RegExp(`#EXTINF:[\\d.]+,\\n\\{\\{seg:${seq}\\}\\}`).test(template) &&
    !new RegExp(`#EXT-X-GAP\\n#EXTINF:[\\d.]+,\\n\\{\\{seg:${seq}\\}\\}`).test(template);
  for (const seq of s.uploaded) {
    const seg = segments.get(seq);
    if (seg?.['status'] === 'confirmed') {
      verdict.stored += 1;
      if (s.forensicMark && seg['mark'] === undefined)
        fail(`segment ${seq}: a marked recording's segment stored without variants`);
      for (const name of objectsOf(id, seg)) {
        const [exists] = await bucket().file(name).exists();
        if (!exists) {
          fail(`segment ${seq}: confirmed but ${name} is not in the bucket`);
          continue;
        }
        const [meta] = await bucket().file(name).getMetadata();
        const recorded = recordedObject(seg, name);
        if (recorded && (Number(meta.size) !== recorded.bytes || meta.crc32c !== recorded.crc32c))
          fail(
            `segment ${seq}: ${name} holds ${String(meta.size)} bytes (crc32c ${String(meta.crc32c)}), its record says ${recorded.bytes} (${recorded.crc32c}): another run overwrote the confirmed copy`,
          );
        if (!key || name.endsWith('.ref')) continue;
        const [body] = await bucket().file(name).download();
        try {
          const plain = decrypt(key, seq, body);
          if (plain[0] !== 0x47) fail(`segment ${seq}: ${name} does not decrypt to MPEG-TS`);
          if (body[0] === 0x47 && body[188] === 0x47) fail(`segment ${seq}: ${name} is stored in plaintext`);
        } catch (error) {
          fail(`segment ${seq}: ${name} does not decrypt with the recording's key (${(error as Error).message})`);
        }
      }
      if (!listed(seq)) fail(`segment ${seq}: stored but not listed in the playlist`);
    } else if (missingListed.has(seq)) {
      const reason = (seg?.['reason'] as string | undefined) ?? 'never ingested (no segment record)';
      verdict.lost.push({ seq, reason });
      if (!seg) fail(`segment ${seq}: listed missing without a reason (no segment record says why)`);
    } else {
      fail(`segment ${seq}: uploaded by the egress, neither stored nor listed as missing`);
    }
  }

  for (const name of await plaintextLeft(id)) fail(`plaintext: ${name} left in the ingest bucket after settling`);

  // Usage equals the stored bytes: the segment records, the bucket, the recording and the total.
  const [objects] = await bucket().getFiles({ prefix: `recordings/${id}/` });
  const inBucket = objects
    .filter((o) => /\/(segments|forensic)\//.test(o.name))
    .reduce((sum, o) => sum + Number(o.metadata.size ?? 0), 0);
  if (inBucket !== storedBytes) fail(`usage: segment records count ${storedBytes} bytes, the bucket holds ${inBucket}`);
  if (Number(recording['storedBytes'] ?? 0) !== storedBytes)
    fail(`usage: the recording counts ${String(recording['storedBytes'])} bytes, its segments ${storedBytes}`);
  const usageDelta = (await totalUsage()).bytes - s.usageBytesBefore;
  if (usageDelta !== storedBytes)
    fail(`usage: the total grew by ${usageDelta} bytes, the recording stored ${storedBytes}`);

  // Alerts the outcome implies, each raised once.
  const mine = (await alerts()).filter((a) => a['recordingId'] === id);
  const expectAlert = (kind: string) => {
    const n = mine.filter((a) => a['kind'] === kind).length;
    if (n !== 1) fail(`alerts: "${kind}" raised ${n} times, expected once`);
  };
  const endReason = (endings[0]?.['reason'] as string | undefined) ?? '';
  if (ALERTED_REASONS.includes(endReason)) expectAlert(endReason);
  if (missingListed.size) expectAlert('upload-gap');
  const damaged = [...segments.values()].filter((d) => d['status'] === 'confirmed' && d['damage']);
  if (damaged.length) expectAlert('segment-damaged');
  verdict.damagedAtEgress = damaged.length;

  if (await lockOf(s.meetingId)) fail(`lock: locks/${s.meetingId} left behind`);

  if (template && key) {
    const played = await playsThrough(template, id, key, segments);
    if (played) fail(`playback: ${played}`);
  }
  return verdict;
}

/**
 * Plays the compiled playlist in ffmpeg: each stored segment fetched encrypted, the key given as a
 * file (as a player gets it from the key endpoint), a gap skipped as a player skips EXT-X-GAP.
 * Each segment carries its IV explicitly, since skipping gaps renumbers what ffmpeg sees.
 * Returns why it did not play, or undefined.
 */
async function playsThrough(
  template: string,
  id: string,
  key: Buffer,
  segments: Map<number, Doc>,
): Promise<string | undefined> {
  const dir = mkdtempSync(path.join(tmpdir(), 'soak-play-'));
  try {
    writeFileSync(path.join(dir, 'key.bin'), key);
    const lines = template.split('\n');
    const out: string[] = [];
    let expectedSeconds = 0;
    let gap = false;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line.startsWith('#EXT-X-KEY') || line === '') continue;
      if (line === '#EXT-X-GAP') {
        gap = true;
        continue;
      }
      const seg = /^\{\{seg:(\d+)\}\}$/.exec(line);
      if (!seg) {
        if (!line.startsWith('#EXTINF')) out.push(line);
        continue;
      }
      const seq = Number(seg[1]);
      const extinf = lines[i - 1];
      if (gap) {
        gap = false;
        out.push('#EXT-X-DISCONTINUITY');
        continue;
      }
      const doc = segments.get(seq);
      if (doc?.['damage']) {
        // Cut short at the egress (its record says so): its end does not decode cleanly, by nature.
        // The rest must: it is left out like a gap, and only its own first frames are checked.
        const broken = await firstFramesOf(id, key, seq, doc);
        if (broken) return `segment ${seq}, damaged at the egress: ${broken}`;
        out.push('#EXT-X-DISCONTINUITY');
        continue;
      }
      const name = doc?.['mark'] ? `${seq5(seq)}.a.ts` : `${seq5(seq)}.ts`;
      const [body] = await bucket().file(`recordings/${id}/segments/${name}`).download();
      writeFileSync(path.join(dir, name), body);
      expectedSeconds += Number(/#EXTINF:([\d.]+)/.exec(extinf)?.[1] ?? 0);
      out.push(`#EXT-X-KEY:METHOD=AES-128,URI="key.bin",IV=0x${seq.toString(16).padStart(32, '0')}`, extinf, name);
    }
    writeFileSync(path.join(dir, 'play.m3u8'), out.join('\n') + '\n');
    if (expectedSeconds === 0) return undefined; // nothing stored: nothing to play
    const played = await decodeVideo(path.join(dir, 'play.m3u8'), ['-allowed_extensions', 'ALL']);
    if (played.failed) return `ffmpeg could not play it: ${played.failed}`;
    if (played.errors.length) return `ffmpeg reported: ${played.errors.slice(0, 3).join(' | ')}`;
    if (played.frames < expectedSeconds * 25 * 0.9)
      return `decoded ${played.frames} frames, expected about ${Math.round(expectedSeconds * 25)} (${expectedSeconds.toFixed(1)} s)`;
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether a damaged segment still decodes its first second of pictures; why not, or undefined. */
async function firstFramesOf(id: string, key: Buffer, seq: number, doc: Doc): Promise<string | undefined> {
  const name = doc['mark'] ? `${seq5(seq)}.a.ts` : `${seq5(seq)}.ts`;
  const [body] = await bucket().file(`recordings/${id}/segments/${name}`).download();
  const dir = mkdtempSync(path.join(tmpdir(), 'soak-damaged-'));
  try {
    writeFileSync(path.join(dir, 'seg.ts'), decrypt(key, seq, body));
    const { frames, failed } = await decodeVideo(path.join(dir, 'seg.ts'), ['-t', '1']);
    return frames > 0 ? undefined : `no picture decodes from it (${failed ?? 'no frame'})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** ffmpeg decoding the video of `input` (after `options`) to nothing: its error lines and frame count, or why it could not. */
async function decodeVideo(
  input: string,
  options: string[],
): Promise<{ failed?: string; errors: string[]; frames: number }> {
  const args = [
    '-hide_banner',
    '-nostdin',
    '-v',
    'error',
    '-stats',
    ...options,
    '-i',
    input,
    '-map',
    '0:v',
    '-f',
    'null',
    '-',
  ];
  const { stderr } = await promisify(execFile)('ffmpeg', args, { encoding: 'utf8' }).catch(
    (error: { stderr?: string; message: string }) => ({ stderr: `FAILED ${error.stderr ?? error.message}` }),
  );
  if (stderr.startsWith('FAILED')) return { failed: stderr.slice(-300), errors: [], frames: 0 };
  const errors = stderr.split(/[\r\n]+/).filter((l) => l && !l.startsWith('frame=') && !/^\s*$/.test(l));
  return { errors, frames: Number([...stderr.matchAll(/frame=\s*(\d+)/g)].pop()?.[1] ?? 0) };
}
