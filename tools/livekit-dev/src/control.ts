// Control API for tests and the dev UI (127.0.0.1 only, no auth: dev only). Drives rooms,
// participants, faults and restarts; bad input answers 400 {error}.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EgressManager } from './egress.js';
import { ControlInputError, TwirpFault } from './errors.js';
import type { RoomOps } from './room-ops.js';
import type { StateStore } from './rooms.js';
import { parseJsonObject, sendJson } from './twirp.js';
import { WEBHOOK_FAULT_MODES, type WebhookFaultMode, type WebhookSender } from './webhooks.js';

export interface ControlDeps {
  store: StateStore;
  rooms: RoomOps;
  egress: EgressManager;
  webhooks: WebhookSender;
  restart(downMs: number): Promise<void>;
  reset(): Promise<void>;
}

type Body = Record<string, unknown>;

const parse = (raw: Buffer): Body =>
  parseJsonObject(
    raw,
    (problem) =>
      new ControlInputError(problem === 'not-json' ? 'body is not valid JSON' : 'body must be a JSON object'),
  );

function needString(b: Body, key: string): string {
  const v = b[key];
  if (typeof v !== 'string' || !v) throw new ControlInputError(`"${key}" must be a non-empty string`);
  return v;
}

function count(v: unknown, key: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    throw new ControlInputError(`"${key}" must be a positive integer`);
  return v;
}

export function stateSnapshot(store: StateStore, egress: EgressManager): unknown {
  return {
    rooms: [...store.rooms.values()].map((r) => ({
      sid: r.sid,
      name: r.name,
      createdAt: new Date(r.createdAtMs).toISOString(),
      participants: r.participants.map((p) => ({ sid: p.sid, identity: p.identity, name: p.name })),
    })),
    egresses: [...store.egresses.values()].map((e) => ({
      egressId: e.egressId,
      roomName: e.roomName,
      status: e.status,
      error: e.error,
      errorCode: e.errorCode,
      details: e.details,
      bucket: e.target.bucket,
      auth: e.target.auth,
      filenamePrefix: e.target.filenamePrefix,
      segmentCount: e.segments.length,
      segments: e.segments.map((s) => s.name),
    })),
    faults: egress.faultState(),
  };
}

export function createControlHandler(
  d: ControlDeps,
): (req: IncomingMessage, res: ServerResponse, raw: Buffer) => Promise<void> {
  return async (req, res, raw) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent); // ["control", ...]
    const m = req.method ?? 'GET';
    const route = `${m} /${parts
      .slice(1)
      .map((p, i) => (i === 1 && parts[1] === 'rooms' ? ':name' : i === 3 ? ':identity' : p))
      .join('/')}`;
    try {
      const body = parse(raw);
      switch (route) {
        case 'GET /state':
          return sendJson(res, 200, stateSnapshot(d.store, d.egress));
        case 'GET /webhooks':
          return sendJson(res, 200, { deliveries: d.webhooks.log });
        case 'POST /rooms': {
          const room = d.rooms.create({ name: needString(body, 'name') });
          return sendJson(res, 200, { sid: room.sid, name: room.name });
        }
        case 'POST /rooms/:name/participants': {
          const name = body.name;
          if (name !== undefined && typeof name !== 'string') throw new ControlInputError('"name" must be a string');
          const p = d.rooms.join(parts[2]!, needString(body, 'identity'), name);
          return sendJson(res, 200, { sid: p.sid, identity: p.identity, name: p.name });
        }
        case 'DELETE /rooms/:name/participants/:identity':
          d.rooms.leave(parts[2]!, parts[4]!);
          return sendJson(res, 200, {});
        case 'POST /rooms/:name/end':
          d.rooms.end(parts[2]!);
          return sendJson(res, 200, {});
        case 'POST /faults':
          applyFaults(d, body);
          return sendJson(res, 200, { ok: true, faults: d.egress.faultState() });
        case 'POST /speech': {
          // The spoken lecture in every later egress of this room ("*": all rooms); answers its script and times.
          const lecture = await d.egress.speakIn(needString(body, 'room'));
          return sendJson(res, 200, { durationMs: lecture.durationMs, sentences: lecture.sentences });
        }
        case 'POST /restart': {
          const downMs = body.downMs ?? 1000;
          if (typeof downMs !== 'number' || downMs < 0)
            throw new ControlInputError('"downMs" must be a non-negative number');
          // Only after the reply is flushed: the restart closes this very listener.
          res.once('finish', () => void d.restart(downMs));
          return sendJson(res, 202, { restarting: true, downMs });
        }
        case 'POST /reset':
          await d.reset();
          return sendJson(res, 200, { ok: true });
        default:
          return sendJson(res, 404, { error: `no control route ${m} ${url.pathname}` });
      }
    } catch (err) {
      if (err instanceof ControlInputError) return sendJson(res, 400, { error: err.message });
      if (err instanceof TwirpFault) return sendJson(res, err.code === 'not_found' ? 404 : 400, { error: err.message });
      return sendJson(res, 500, { error: (err as Error).message });
    }
  };
}

function applyFaults(d: ControlDeps, b: Body): void {
  const known = ['crashEgress', 'freezeOnStop', 'failUploads', 'limitReached', 'webhooks'];
  const keys = Object.keys(b);
  if (!keys.length) throw new ControlInputError(`give one of ${known.join(', ')}`);
  const unknown = keys.filter((k) => !known.includes(k));
  if (unknown.length)
    throw new ControlInputError(`unknown fault(s): ${unknown.join(', ')}; known: ${known.join(', ')}`);
  // Validate everything before applying anything.
  if (b.crashEgress !== undefined) needString(b, 'crashEgress');
  if (b.freezeOnStop !== undefined) needString(b, 'freezeOnStop');
  if (b.limitReached !== undefined) needString(b, 'limitReached');
  if (b.failUploads !== undefined) count(b.failUploads, 'failUploads');
  let hook: { mode: WebhookFaultMode; count: number } | undefined;
  if (b.webhooks !== undefined) {
    const w = b.webhooks as Body;
    if (!w || typeof w !== 'object') throw new ControlInputError('"webhooks" must be {mode, count}');
    if (!WEBHOOK_FAULT_MODES.includes(w.mode as WebhookFaultMode))
      throw new ControlInputError(`"webhooks.mode" must be one of ${WEBHOOK_FAULT_MODES.join(', ')}`);
    hook = { mode: w.mode as WebhookFaultMode, count: w.count === undefined ? 1 : count(w.count, 'webhooks.count') };
  }
  if (typeof b.failUploads === 'number') d.egress.failUploads(b.failUploads);
  if (hook) d.webhooks.addFault(hook.mode, hook.count);
  if (typeof b.freezeOnStop === 'string') d.egress.armFreeze(b.freezeOnStop);
  if (typeof b.crashEgress === 'string') d.egress.crash(b.crashEgress);
  if (typeof b.limitReached === 'string') d.egress.limitReached(b.limitReached);
}
