// The Twirp HTTP adapter: routes /twirp/livekit.{RoomService,Egress}/{Method}, checks auth and
// grants, validates JSON bodies, and maps domain errors to Twirp JSON. The only place for wire codes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { permissionDenied, verifyAuthHeader, type VideoGrant } from './auth.js';
import type { EgressManager } from './egress.js';
import { PlainUnauthorized, TwirpFault, invalidArgument, type TwirpCode } from './errors.js';
import type { RoomOps } from './room-ops.js';
import type { StateStore } from './rooms.js';
import { egressJson, participantJson, roomJson, toReply, type Json } from './wire.js';

type Body = Record<string, unknown>;

interface Route {
  allowed(g: VideoGrant, body: Body): boolean;
  handle(body: Body): Json;
}

const STATUS: Record<TwirpCode, number> = {
  not_found: 404,
  failed_precondition: 412,
  invalid_argument: 400,
  unauthenticated: 401,
  bad_route: 404,
  internal: 500,
};

export interface TwirpDeps {
  apiKey: string;
  apiSecret: string;
  store: StateStore;
  rooms: RoomOps;
  egress: EgressManager;
}

function str(body: Body, key: string, required = false): string {
  const v = body[key];
  if (v === undefined || v === null) {
    if (required) throw invalidArgument(`${key} is required`);
    return '';
  }
  if (typeof v !== 'string') throw invalidArgument(`${key} must be a string`);
  if (required && !v) throw invalidArgument(`${key} is required`);
  return v;
}

function optNum(body: Body, key: string): number | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0)
    throw invalidArgument(`${key} must be a non-negative number`);
  return n;
}

function routes(d: TwirpDeps): Record<string, Route> {
  const forRoom = (g: VideoGrant, b: Body): boolean => !!g.roomAdmin && !!g.room && g.room === b.room;
  return {
    'livekit.RoomService/CreateRoom': {
      allowed: (g) => !!g.roomCreate,
      handle: (b) =>
        roomJson(
          d.rooms.create({
            name: str(b, 'name', true),
            emptyTimeout: optNum(b, 'emptyTimeout'),
            departureTimeout: optNum(b, 'departureTimeout'),
            maxParticipants: optNum(b, 'maxParticipants'),
            metadata: str(b, 'metadata'),
          }),
        ),
    },
    'livekit.RoomService/ListRooms': {
      allowed: (g) => !!g.roomList,
      handle: (b) => {
        const names = b.names;
        if (names !== undefined && !(Array.isArray(names) && names.every((n) => typeof n === 'string')))
          throw invalidArgument('names must be a list of strings');
        const want = names && (names as string[]).length ? new Set(names as string[]) : undefined;
        return { rooms: [...d.store.rooms.values()].filter((r) => !want || want.has(r.name)).map(roomJson) };
      },
    },
    'livekit.RoomService/DeleteRoom': {
      allowed: (g) => !!g.roomCreate,
      handle: (b) => {
        d.rooms.end(str(b, 'room', true));
        return {};
      },
    },
    'livekit.RoomService/ListParticipants': {
      allowed: forRoom,
      handle: (b) => {
        const room = d.store.rooms.get(str(b, 'room', true));
        if (!room) throw new TwirpFault('not_found', 'requested room does not exist');
        return { participants: room.participants.map((p) => participantJson(p)) };
      },
    },
    'livekit.RoomService/RemoveParticipant': {
      allowed: forRoom,
      handle: (b) => {
        d.rooms.leave(str(b, 'room', true), str(b, 'identity', true));
        return {};
      },
    },
    'livekit.Egress/StartRoomCompositeEgress': {
      allowed: (g) => !!g.roomRecord,
      handle: (b) => egressJson(d.egress.start(b)),
    },
    'livekit.Egress/StopEgress': {
      allowed: (g) => !!g.roomRecord,
      handle: (b) => egressJson(d.egress.stop(str(b, 'egressId', true))),
    },
    'livekit.Egress/ListEgress': {
      allowed: (g) => !!g.roomRecord,
      handle: (b) => {
        if (b.active !== undefined && typeof b.active !== 'boolean') throw invalidArgument('active must be a boolean');
        const items = d.egress.list({
          roomName: str(b, 'roomName'),
          egressId: str(b, 'egressId'),
          active: b.active === true,
        });
        return { items: items.map(egressJson) };
      },
    },
  };
}

export function createTwirpHandler(
  d: TwirpDeps,
): (req: IncomingMessage, res: ServerResponse, raw: Buffer) => Promise<void> {
  const table = routes(d);
  return async (req, res, raw) => {
    try {
      const route = table[(req.url ?? '').split('?')[0]!.replace(/^\/twirp\//, '')];
      if (!route || req.method !== 'POST') throw new TwirpFault('bad_route', `no handler for ${req.method} ${req.url}`);
      const grant = await verifyAuthHeader(req.headers.authorization, d.apiKey, d.apiSecret);
      const body = parseBody(raw);
      // Both spellings arrive in the wild (SDK: camelCase, curl users: snake_case).
      const camel = camelKeys(body);
      if (!route.allowed(grant, camel)) throw permissionDenied();
      sendJson(res, 200, toReply(route.handle(camel)));
    } catch (err) {
      if (err instanceof PlainUnauthorized) {
        res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
        res.end(`${err.message}\n`);
      } else if (err instanceof TwirpFault) {
        sendJson(res, STATUS[err.code], { code: err.code, msg: err.message });
      } else {
        sendJson(res, 500, { code: 'internal', msg: (err as Error).message || 'internal error' });
      }
    }
  };
}

/** A JSON object request body ({} when empty); `fail` makes the error each surface answers with. */
export function parseJsonObject(raw: Buffer, fail: (problem: 'not-json' | 'not-object') => Error): Body {
  if (raw.length === 0) return {};
  let v: unknown;
  try {
    v = JSON.parse(raw.toString('utf8'));
  } catch {
    throw fail('not-json');
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw fail('not-object');
  return v as Body;
}

const parseBody = (raw: Buffer): Body =>
  parseJsonObject(raw, (problem) =>
    invalidArgument(
      problem === 'not-json' ? 'the json request could not be decoded' : 'the json request must be an object',
    ),
  );

function camelKeys(v: unknown): Body {
  const conv = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(conv);
    if (x && typeof x === 'object') {
      const out: Body = {};
      for (const [k, y] of Object.entries(x)) out[k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = conv(y);
      return out;
    }
    return x;
  };
  return conv(v) as Body;
}

/** Content-Type must be exactly application/json: the SDK drops the error code otherwise. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
