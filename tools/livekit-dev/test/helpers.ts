// Test fixtures: an in-process stand-in on a random port, a tiny fake Storage server that records
// uploads (the real Storage-emulator check is a separate run), and a webhook receiver that keeps raw bodies.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { startLiveKitDev, type LiveKitDev, type StartOptions } from '../src/server.js';

export const API_KEY = 'devkey';
export const API_SECRET = 'devsecret-devsecret-devsecret-0123456789';

export async function startDev(extra: Partial<StartOptions> = {}): Promise<LiveKitDev> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lkdev-test-'));
  return startLiveKitDev({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    stateFile: path.join(dir, 'state.json'),
    quiet: true,
    webhookRetryBaseMs: 20,
    // Smaller than LiveKit's default preset: these specs test the wire and the egress's life, not
    // the picture, and each egress's encode costs CPU on a shared machine.
    videoSize: '640x360',
    fps: 25,
    ...extra,
  });
}

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return (server.address() as AddressInfo).port;
}

async function close(server: http.Server): Promise<void> {
  await new Promise<void>((r) => {
    server.close(() => r());
    server.closeAllConnections();
  });
}

export interface StoredObject {
  bucket: string;
  name: string;
  contentType: string;
  body: Buffer;
  at: number;
}

export interface FakeStorage {
  host: string;
  uploads: StoredObject[]; // every upload, in arrival order (playlists are re-uploaded)
  latest(name: string): StoredObject | undefined;
  /** Holds the answer to the next segment (.ts) upload: resolves once it has arrived, with its release. */
  holdNextSegment(): Promise<() => void>;
  close(): Promise<void>;
}

export async function startFakeStorage(): Promise<FakeStorage> {
  const uploads: StoredObject[] = [];
  let hold: ((release: () => void) => void) | undefined;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const m = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(url.pathname);
      const name = url.searchParams.get('name');
      const parts =
        req.method === 'POST' && url.searchParams.get('uploadType') === 'multipart'
          ? parseMultipart(req.headers['content-type'], Buffer.concat(chunks))
          : undefined;
      if (!m || !name || !parts) {
        res.writeHead(400).end('bad upload');
        return;
      }
      const meta = JSON.parse(parts[0]!.toString()) as { name: string; contentType: string };
      if (meta.name !== name) {
        res.writeHead(400).end('name mismatch');
        return;
      }
      uploads.push({
        bucket: decodeURIComponent(m[1]!),
        name,
        contentType: meta.contentType,
        body: parts[1]!,
        at: Date.now(),
      });
      const answer = () =>
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ name, bucket: m[1] }));
      if (hold && name.endsWith('.ts')) {
        hold(answer);
        hold = undefined;
      } else answer();
    });
  });
  const port = await listen(server);
  return {
    host: `127.0.0.1:${port}`,
    uploads,
    latest: (name) => [...uploads].reverse().find((u) => u.name === name),
    holdNextSegment: () => new Promise((arrived) => (hold = arrived)),
    close: () => close(server),
  };
}

/** Same strict layout the Storage emulator parses: two parts, one Content-Type line each, CRLFs. */
function parseMultipart(contentType: string | undefined, body: Buffer): Buffer[] | undefined {
  const boundary = /^multipart\/related; boundary=(.+)$/.exec(contentType ?? '')?.[1];
  if (!boundary) return undefined;
  const out: Buffer[] = [];
  let at = body.indexOf(`--${boundary}\r\n`);
  while (at >= 0) {
    const headerEnd = body.indexOf('\r\n\r\n', at);
    const next = body.indexOf(`\r\n--${boundary}`, headerEnd);
    if (headerEnd < 0 || next < 0) return undefined;
    if (!/^Content-Type: [^\r\n]+$/.test(body.subarray(at + boundary.length + 4, headerEnd).toString()))
      return undefined;
    out.push(body.subarray(headerEnd + 4, next));
    at = body.indexOf(`--${boundary}\r\n`, next + 2);
  }
  return out.length === 2 ? out : undefined;
}

export interface ReceivedHook {
  body: string;
  auth: string | undefined;
  contentType: string | undefined;
  userAgent: string | undefined;
}

export interface HookReceiver {
  url: string;
  received: ReceivedHook[];
  /** Status to answer per request (default 200). */
  respond: (n: number) => number;
  close(): Promise<void>;
}

export async function startHookReceiver(): Promise<HookReceiver> {
  const r: HookReceiver = { url: '', received: [], respond: () => 200, close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      r.received.push({
        body: Buffer.concat(chunks).toString('utf8'),
        auth: req.headers.authorization,
        contentType: req.headers['content-type'],
        userAgent: req.headers['user-agent'],
      });
      res.writeHead(r.respond(r.received.length)).end();
    });
  });
  const port = await listen(server);
  r.url = `http://127.0.0.1:${port}/livekit-webhook`;
  r.close = () => close(server);
  return r;
}

export async function waitFor<T>(
  what: string,
  fn: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 15000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function control(
  dev: LiveKitDev,
  method: string,
  p: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${dev.url}/control${p}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}
