// Egress lifecycle: STARTING → ACTIVE → ENDING → COMPLETE (or FAILED / ABORTED / LIMIT_REACHED),
// driving one ffmpeg SegmentProducer per run and uploading each closed segment (and the stills an
// image output asks for, image-capture.ts), then the playlists.
// Faults (crash, freeze on stop, failing uploads, limit) are injected here.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ControlInputError, TwirpFault, egressNotFound, invalidArgument, roomNotFound } from './errors.js';
import type { Logger } from './log.js';
import { playlistObjectName, renderLivePlaylist, renderPlaylist, segmentObjectName } from './playlist.js';
import { captureFrame, capturesIn, imageObjectName } from './image-capture.js';
import type { EgressRecord, EgressStatus, ImageTarget, SegmentTarget, StateStore, UploadAuth } from './rooms.js';
import { isActiveStatus, newId } from './rooms.js';
import { synthesiseLecture, type SpokenLecture } from './lecture-speech.js';
import { SegmentProducer, type ProducedSegment } from './segment-producer.js';
import { UploadError, type Uploader } from './storage-upload.js';
import type { WebhookSender } from './webhooks.js';
import { egressJson } from './wire.js';

const ACTIVATE_AFTER_MS = 500;
const TERMINAL: readonly EgressStatus[] = [
  'EGRESS_COMPLETE',
  'EGRESS_FAILED',
  'EGRESS_ABORTED',
  'EGRESS_LIMIT_REACHED',
];
const REDACT = new Set(['credentials', 'secret', 'accessKey', 'sessionToken', 'accountKey', 'assumeRoleExternalId']);

export interface EgressDeps {
  store: StateStore;
  webhooks: WebhookSender;
  uploader: Uploader;
  logger: Logger;
  speed: number;
  videoSize: string;
  fps: number;
  freezeMs: number;
  ffmpegPath: string;
  /** Where ffmpeg writes segments before upload (the system temp dir unless given). */
  spoolDir?: string;
}

interface Runtime {
  dead: boolean; // ended or suspended: late results are ignored
  suspended?: boolean; // by a LiveKit restart: an upload under way is still recorded (suspendAll)
  producer?: SegmentProducer;
  run: number;
  base: number; // global index of this run's first segment
  nextPdtMs: number;
  elapsedS: number; // recording time before the next segment, for the image captures
  inflight: Set<Promise<void>>;
  playlistChain: Promise<void>;
  activateTimer?: NodeJS.Timeout;
  freezeTimer?: NodeJS.Timeout;
}

export interface ListFilter {
  roomName?: string;
  egressId?: string;
  active?: boolean;
}

export class EgressManager {
  private runtimes = new Map<string, Runtime>();
  private readonly tmpRoot: string;
  private faults = { failUploads: 0, freezeNext: false, freezeIds: new Set<string>() };
  private readonly speechRooms = new Set<string>();
  private lecture?: Promise<SpokenLecture>;

  constructor(private readonly d: EgressDeps) {
    this.tmpRoot = fs.mkdtempSync(path.join(d.spoolDir ?? os.tmpdir(), 'livekit-dev-'));
  }

  // ---- Twirp operations ------------------------------------------------------------------

  start(req: Record<string, unknown>): EgressRecord {
    const roomName = typeof req.roomName === 'string' ? req.roomName : '';
    if (!roomName) throw invalidArgument('room name is required');
    const room = this.d.store.rooms.get(roomName);
    if (!room) throw roomNotFound();
    const egressId = newId('EG_');
    const target = parseSegmentTarget(req, egressId);
    const now = Date.now();
    const e: EgressRecord = {
      egressId,
      roomId: room.sid,
      roomName,
      status: 'EGRESS_STARTING',
      createdAtMs: now,
      startedAtMs: 0,
      updatedAtMs: now,
      endedAtMs: 0,
      error: '',
      errorCode: 0,
      details: '',
      request: redact(req) as Record<string, unknown>,
      target,
      segments: [],
      frozenSinceMs: 0,
      endReason: '',
    };
    this.d.store.egresses.set(egressId, e);
    this.d.store.save();
    this.d.logger.egress(egressId, `STARTING (room ${roomName}, prefix ${target.filenamePrefix})`);
    this.emit('egress_started', e);
    this.scheduleActivation(e, this.runtime(e));
    return e;
  }

  stop(egressId: string): EgressRecord {
    const e = this.d.store.egresses.get(egressId);
    if (!e) throw egressNotFound();
    if (e.status === 'EGRESS_STARTING') {
      this.endWith(e, 'EGRESS_ABORTED', { error: 'Stop called before pipeline could start', errorCode: 412 });
    } else if (e.status === 'EGRESS_ACTIVE') {
      if (this.faults.freezeNext || this.faults.freezeIds.has(egressId)) {
        this.faults.freezeNext = false;
        this.faults.freezeIds.delete(egressId);
        this.freeze(e);
      } else {
        this.drain(e, 'End reason: API');
      }
    } else {
      throw new TwirpFault('failed_precondition', `egress with status ${e.status} cannot be stopped`);
    }
    return e;
  }

  list(f: ListFilter): EgressRecord[] {
    const all = [...this.d.store.egresses.values()];
    if (f.egressId) return all.filter((e) => e.egressId === f.egressId); // other filters ignored, as LiveKit does
    return all.filter((e) => (!f.roomName || e.roomName === f.roomName) && (!f.active || isActiveStatus(e.status)));
  }

  /** The room went away: active egresses drain ("Source closed"), starting ones abort. */
  roomEnded(roomName: string): void {
    for (const e of this.d.store.egressesOfRoom(roomName)) {
      if (e.status === 'EGRESS_STARTING') {
        this.endWith(e, 'EGRESS_ABORTED', {
          error: 'Source closed',
          errorCode: 412,
          details: 'End reason: Source closed',
        });
      } else if (e.status === 'EGRESS_ACTIVE') {
        this.drain(e, 'End reason: Source closed');
      }
    }
  }

  // ---- Faults (control API) --------------------------------------------------------------

  crash(egressId: string): void {
    const e = this.requireLive(egressId, ['EGRESS_ACTIVE', 'EGRESS_ENDING']);
    this.d.logger.egress(egressId, 'fault: crash');
    this.fail(e, 'process crashed');
  }

  armFreeze(target: string): void {
    if (target === 'next') {
      this.faults.freezeNext = true;
      return;
    }
    this.requireLive(target, ['EGRESS_STARTING', 'EGRESS_ACTIVE']);
    this.faults.freezeIds.add(target);
  }

  failUploads(n: number): void {
    this.faults.failUploads += n;
  }

  limitReached(egressId: string): void {
    const e = this.requireLive(egressId, ['EGRESS_ACTIVE', 'EGRESS_ENDING']);
    const rt = this.runtime(e);
    this.d.logger.egress(egressId, 'fault: limit reached');
    void (async () => {
      await rt.producer?.kill();
      await this.settleUploads(rt);
      if (rt.dead) return;
      await this.queuePlaylists(e, rt, true);
      this.endWith(e, 'EGRESS_LIMIT_REACHED', { error: 'Session limit reached', errorCode: 413 });
    })();
  }

  /**
   * From now on, egresses of `room` ('*': every room) record the spoken lecture instead of the
   * tone. Off by default: synthesis and a speech track cost time no other test needs.
   */
  async speakIn(room: string): Promise<SpokenLecture> {
    this.lecture ??= synthesiseLecture(path.join(this.tmpRoot, 'lecture'));
    const lecture = await this.lecture;
    this.speechRooms.add(room);
    return lecture;
  }

  private async speechFileFor(roomName: string): Promise<string | undefined> {
    if (!this.speechRooms.has(roomName) && !this.speechRooms.has('*')) return undefined;
    return (await this.lecture)?.file;
  }

  faultState(): { failUploads: number; freezeNext: boolean; freezeIds: string[] } {
    return { ...this.faults, freezeIds: [...this.faults.freezeIds] };
  }

  // ---- Restart / shutdown ----------------------------------------------------------------

  /** Stop every producer and timer without touching records (a LiveKit restart or shutdown). */
  async suspendAll(): Promise<void> {
    const rts = [...this.runtimes.values()];
    this.runtimes.clear();
    await Promise.all(
      rts.map(async (rt) => {
        rt.suspended = true;
        await this.disposeRuntime(rt);
        // An upload already under way lands and is recorded before the state file is reloaded, as
        // LiveKit's egress process (which a server restart does not stop) records it. Dropped, its
        // segment was stored but never counted, and the recording's count came out one short.
        await this.settleUploads(rt);
      }),
    );
  }

  /** After a reload: pick every unfinished egress up where the state file left it. */
  resumeAll(): void {
    for (const e of this.d.store.egresses.values()) {
      if (e.status === 'EGRESS_STARTING') this.scheduleActivation(e, this.runtime(e));
      else if (e.status === 'EGRESS_ACTIVE') this.startRun(e, this.runtime(e));
      else if (e.status === 'EGRESS_ENDING') {
        const rt = this.runtime(e);
        if (e.frozenSinceMs) this.armFreezeTimer(e, rt, e.frozenSinceMs + this.d.freezeMs - Date.now());
        else void this.complete(e, rt);
      }
    }
  }

  async reset(): Promise<void> {
    await this.suspendAll();
    this.faults = { failUploads: 0, freezeNext: false, freezeIds: new Set() };
  }

  async close(): Promise<void> {
    await this.suspendAll();
    fs.rmSync(this.tmpRoot, { recursive: true, force: true });
  }

  // ---- Internals -------------------------------------------------------------------------

  private runtime(e: EgressRecord): Runtime {
    let rt = this.runtimes.get(e.egressId);
    if (!rt) {
      rt = {
        dead: false,
        run: 0,
        base: 0,
        nextPdtMs: 0,
        elapsedS: 0,
        inflight: new Set(),
        playlistChain: Promise.resolve(),
      };
      this.runtimes.set(e.egressId, rt);
    }
    return rt;
  }

  private requireLive(egressId: string, allowed: EgressStatus[]): EgressRecord {
    const e = this.d.store.egresses.get(egressId);
    if (!e) throw new ControlInputError(`egress ${egressId} does not exist`);
    if (!allowed.includes(e.status))
      throw new ControlInputError(`egress ${egressId} is ${e.status}, needs ${allowed.join(' or ')}`);
    return e;
  }

  private scheduleActivation(e: EgressRecord, rt: Runtime): void {
    rt.activateTimer = setTimeout(() => {
      if (rt.dead || e.status !== 'EGRESS_STARTING') return;
      e.status = 'EGRESS_ACTIVE';
      e.startedAtMs = Date.now();
      this.touch(e);
      this.d.logger.egress(e.egressId, 'ACTIVE');
      this.emit('egress_updated', e);
      this.startRun(e, rt);
    }, ACTIVATE_AFTER_MS);
  }

  private startRun(e: EgressRecord, rt: Runtime): void {
    void this.speechFileFor(e.roomName).then((speechFile) => rt.dead || this.startProducer(e, rt, speechFile));
  }

  private startProducer(e: EgressRecord, rt: Runtime, speechFile: string | undefined): void {
    const last = e.segments.reduce<EgressRecord['segments'][number] | undefined>(
      (a, s) => (!a || s.index > a.index ? s : a),
      undefined,
    );
    rt.base = last ? last.index + 1 : 0; // a resumed egress continues the segment index
    rt.nextPdtMs = last ? Math.max(Date.now(), last.startedAtMs + last.duration * 1000) : Date.now();
    rt.elapsedS = e.segments.reduce((sum, s) => sum + s.duration, 0);
    rt.run += 1;
    const producer = new SegmentProducer({
      ffmpegPath: this.d.ffmpegPath,
      dir: path.join(this.tmpRoot, `${e.egressId}-${Date.now()}-${rt.run}`),
      segmentDuration: e.target.segmentDuration,
      speed: this.d.speed,
      videoSize: this.d.videoSize,
      fps: this.d.fps,
      label: e.egressId,
      speechFile,
    });
    rt.producer = producer;
    producer.start({
      onSegment: (seg) => this.onSegment(e, rt, seg),
      onExit: ({ expected, code, signal, stderr }) => {
        if (expected || rt.dead) return;
        this.d.logger.egress(
          e.egressId,
          `ffmpeg exited unexpectedly (code ${code}, signal ${signal}): ${stderr.trim().slice(-300)}`,
        );
        this.fail(e, 'process crashed');
      },
    });
  }

  private onSegment(e: EgressRecord, rt: Runtime, seg: ProducedSegment): void {
    if (rt.dead) return;
    const index = rt.base + seg.localIndex;
    const startedAtMs = rt.nextPdtMs;
    rt.nextPdtMs += seg.duration * 1000;
    const images = e.target.images;
    const captures = images ? capturesIn(images, rt.elapsedS, seg.duration) : [];
    rt.elapsedS += seg.duration;
    const name = segmentObjectName(e.target, index, startedAtMs);
    // Decided here, in segment order: decided after the async read, a later segment's read could
    // finish first and take the injected failure.
    const injectFailure = this.faults.failUploads > 0;
    if (injectFailure) this.faults.failUploads -= 1;
    const p = (async () => {
      const body = await fs.promises.readFile(seg.file);
      // A crashed egress uploads nothing more (its process is gone); a suspended one (LiveKit
      // restarting) finishes what it had started, as the egress process does.
      if (rt.dead && !rt.suspended) return;
      if (injectFailure) throw new UploadError(`injected failure uploading ${name}`);
      await this.d.uploader.upload(e.target.bucket, name, body, 'video/mp2t');
      if (images) await this.uploadImages(e, images, seg.file, captures, startedAtMs);
      await fs.promises.rm(seg.file, { force: true });
      if (rt.dead && !rt.suspended) return;
      e.segments.push({ index, name, duration: seg.duration, size: body.length, startedAtMs });
      this.touch(e);
      void this.queuePlaylists(e, rt, false);
    })().catch((err: unknown) => {
      if (rt.dead) return;
      this.d.logger.egress(e.egressId, `segment upload failed: ${(err as Error).message}`);
      this.fail(e, 'upload failed');
    });
    rt.inflight.add(p);
    void p.finally(() => rt.inflight.delete(p));
  }

  /** A failed still is logged, not fatal: the recording matters, its pictures less (as in LiveKit). */
  private async uploadImages(
    e: EgressRecord,
    images: ImageTarget,
    segmentFile: string,
    captures: { index: number; offsetS: number }[],
    startedAtMs: number,
  ): Promise<void> {
    for (const { index, offsetS } of captures) {
      const name = imageObjectName(images, index, startedAtMs + offsetS * 1000);
      try {
        const jpeg = await captureFrame(
          this.d.ffmpegPath,
          segmentFile,
          offsetS,
          images,
          `${segmentFile}.${index}.jpeg`,
        );
        await this.d.uploader.upload(images.bucket, name, jpeg, 'image/jpeg');
      } catch (err) {
        this.d.logger.egress(e.egressId, `image ${name} failed: ${(err as Error).message}`);
      }
    }
  }

  /** Playlist uploads are chained so an older render never overwrites a newer one. */
  private queuePlaylists(e: EgressRecord, rt: Runtime, ended: boolean): Promise<void> {
    rt.playlistChain = rt.playlistChain
      .then(async () => {
        if (rt.dead && !ended) return;
        const t = e.target;
        const uploads: Promise<void>[] = [];
        if (t.playlistName) {
          const text = renderPlaylist(t, e.segments, ended);
          uploads.push(
            this.d.uploader.upload(
              t.bucket,
              playlistObjectName(t, t.playlistName),
              Buffer.from(text),
              'application/x-mpegurl',
            ),
          );
        }
        if (t.livePlaylistName) {
          const text = renderLivePlaylist(t, e.segments, ended);
          uploads.push(
            this.d.uploader.upload(
              t.bucket,
              playlistObjectName(t, t.livePlaylistName),
              Buffer.from(text),
              'application/x-mpegurl',
            ),
          );
        }
        await Promise.all(uploads);
      })
      .catch((err: unknown) => this.d.logger.egress(e.egressId, `playlist upload failed: ${(err as Error).message}`));
    return rt.playlistChain;
  }

  private async settleUploads(rt: Runtime): Promise<void> {
    while (rt.inflight.size) await Promise.allSettled([...rt.inflight]);
  }

  private drain(e: EgressRecord, reason: string): void {
    const rt = this.runtime(e);
    e.status = 'EGRESS_ENDING';
    e.endReason = reason;
    this.touch(e);
    this.d.logger.egress(e.egressId, `ENDING (${reason})`);
    this.emit('egress_updated', e);
    void (async () => {
      await rt.producer?.finish(); // SIGINT: ffmpeg closes and lists the last segment
      await this.complete(e, rt);
    })();
  }

  private async complete(e: EgressRecord, rt: Runtime): Promise<void> {
    await this.settleUploads(rt);
    if (rt.dead || e.status !== 'EGRESS_ENDING') return;
    await this.queuePlaylists(e, rt, true);
    this.endWith(e, 'EGRESS_COMPLETE', { details: e.endReason || 'End reason: API' });
  }

  private freeze(e: EgressRecord): void {
    const rt = this.runtime(e);
    e.status = 'EGRESS_ENDING';
    e.frozenSinceMs = Date.now();
    this.touch(e);
    this.d.logger.egress(e.egressId, `ENDING (frozen: fails in ${this.d.freezeMs} ms)`);
    this.emit('egress_updated', e);
    void rt.producer?.kill();
    this.armFreezeTimer(e, rt, this.d.freezeMs);
  }

  private armFreezeTimer(e: EgressRecord, rt: Runtime, ms: number): void {
    rt.freezeTimer = setTimeout(
      () => {
        if (!rt.dead) this.fail(e, 'pipeline frozen');
      },
      Math.max(0, ms),
    );
  }

  private fail(e: EgressRecord, error: string): void {
    this.endWith(e, 'EGRESS_FAILED', { error, errorCode: 500 });
  }

  private endWith(
    e: EgressRecord,
    status: EgressStatus,
    f: { error?: string; errorCode?: number; details?: string },
  ): void {
    if (TERMINAL.includes(e.status)) return;
    const rt = this.runtimes.get(e.egressId);
    if (rt) {
      this.runtimes.delete(e.egressId);
      void this.disposeRuntime(rt);
    }
    e.status = status;
    e.error = f.error ?? '';
    e.errorCode = f.errorCode ?? 0;
    e.details = f.details ?? '';
    e.endedAtMs = Date.now();
    e.frozenSinceMs = 0;
    this.touch(e);
    this.d.logger.egress(e.egressId, `${status}${e.error ? ` (${e.error})` : ''}, ${e.segments.length} segment(s)`);
    this.emit('egress_ended', e);
  }

  private async disposeRuntime(rt: Runtime): Promise<void> {
    rt.dead = true;
    clearTimeout(rt.activateTimer);
    clearTimeout(rt.freezeTimer);
    const p = rt.producer;
    if (p) {
      await p.kill();
      p.cleanup();
    }
  }

  private touch(e: EgressRecord): void {
    e.updatedAtMs = Date.now();
    this.d.store.save();
  }

  private emit(event: 'egress_started' | 'egress_updated' | 'egress_ended', e: EgressRecord): void {
    this.d.webhooks.send(event, { room: { sid: e.roomId, name: e.roomName }, egressInfo: egressJson(e) });
  }
}

/** Reads segmentOutputs[0] (or legacy `segments`) of a StartRoomCompositeEgress body. */
export function parseSegmentTarget(req: Record<string, unknown>, egressId: string): SegmentTarget {
  const outputs = req.segmentOutputs;
  const seg = (Array.isArray(outputs) && outputs.length ? outputs[0] : req.segments) as
    Record<string, unknown> | undefined;
  if (!seg || typeof seg !== 'object')
    throw invalidArgument('no supported output: a segmented file output is required');
  const gcp = seg.gcp as Record<string, unknown> | undefined;
  const s3 = seg.s3 as Record<string, unknown> | undefined;
  const storage = gcp ? 'gcp' : s3 ? 's3' : undefined;
  const bucket = (gcp ?? s3)?.bucket;
  if (!storage) throw invalidArgument('segment output needs a gcp or s3 storage target');
  if (typeof bucket !== 'string' || !bucket) throw invalidArgument('storage bucket is required');
  const auth = uploadAuth(seg);
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  const filenamePrefix = str(seg.filenamePrefix) || egressId;
  const duration = Number(seg.segmentDuration ?? 0);
  if (!Number.isInteger(duration) || duration < 0)
    throw invalidArgument('segmentDuration must be a non-negative integer');
  const suffix = seg.filenameSuffix === 'TIMESTAMP' || seg.filenameSuffix === 1 ? 'TIMESTAMP' : 'INDEX';
  return {
    storage,
    bucket,
    auth,
    filenamePrefix,
    playlistName: str(seg.playlistName) || `${filenamePrefix.split('/').pop()}.m3u8`,
    livePlaylistName: str(seg.livePlaylistName),
    segmentDuration: duration || 4, // 0 means 4 s, as in LiveKit
    suffix,
    images: parseImageTarget(req, egressId),
  };
}

/** Reads imageOutputs[0] (or `images`): a still every captureInterval seconds, to gcp or s3. */
export function parseImageTarget(req: Record<string, unknown>, egressId: string): ImageTarget | undefined {
  const outputs = req.imageOutputs;
  const image = (Array.isArray(outputs) && outputs.length ? outputs[0] : req.images) as
    Record<string, unknown> | undefined;
  if (!image || typeof image !== 'object') return undefined;
  const bucket = ((image.gcp ?? image.s3) as Record<string, unknown> | undefined)?.bucket;
  if (typeof bucket !== 'string' || !bucket) throw invalidArgument('image output needs a gcp or s3 storage bucket');
  const auth = uploadAuth(image);
  const interval = Number(image.captureInterval ?? 0);
  if (!Number.isInteger(interval) || interval < 1) throw invalidArgument('captureInterval must be a positive integer');
  const size = (v: unknown) => (Number.isInteger(Number(v ?? 0)) && Number(v ?? 0) >= 0 ? Number(v ?? 0) : 0);
  return {
    bucket,
    auth,
    filenamePrefix: typeof image.filenamePrefix === 'string' && image.filenamePrefix ? image.filenamePrefix : egressId,
    captureInterval: interval,
    width: size(image.width),
    height: size(image.height),
    suffix: image.filenameSuffix === 'IMAGE_SUFFIX_TIMESTAMP' || image.filenameSuffix === 1 ? 'TIMESTAMP' : 'INDEX',
  };
}

/**
 * The credential form of an output (its secret left out). An S3 upload needs an access key and a
 * secret: the stand-in has no ambient AWS credentials to fall back on, as real egress would try.
 * Any endpoint is accepted (Cloud Storage's XML API in production); the upload itself goes to the
 * Storage emulator whatever the request names.
 */
function uploadAuth(output: Record<string, unknown>): UploadAuth {
  const s3 = output.s3 as Record<string, unknown> | undefined;
  if (s3) {
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    if (!text(s3.accessKey) || !text(s3.secret))
      throw invalidArgument('s3 upload needs accessKey and secret (no ambient credentials here)');
    return {
      kind: 's3-key',
      accessKey: text(s3.accessKey),
      endpoint: text(s3.endpoint),
      forcePathStyle: s3.forcePathStyle === true,
      region: text(s3.region),
    };
  }
  const gcp = output.gcp as Record<string, unknown> | undefined;
  return gcp && typeof gcp.credentials === 'string' && gcp.credentials ? { kind: 'gcp-key' } : { kind: 'ambient' };
}

function redact(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(redact);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v))
      out[k] = REDACT.has(k) && typeof x === 'string' && x ? '<redacted>' : redact(x);
    return out;
  }
  return v;
}
