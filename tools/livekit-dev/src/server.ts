// LiveKit stand-in — DEV/TEST ONLY, never a production server. Composes the state store, webhook
// sender, egress manager and the HTTP adapters (Twirp + control API) on one 127.0.0.1 port.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LiveKitDevOptions } from './config.js';
import { DEFAULT_FPS, DEFAULT_SECRET, DEFAULT_VIDEO_SIZE, frameRate, videoSize } from './config.js';
import { createControlHandler } from './control.js';
import { EgressManager } from './egress.js';
import { createLogger } from './log.js';
import { RoomOps } from './room-ops.js';
import { StateStore } from './rooms.js';
import { GcsEmulatorUploader, type Uploader } from './storage-upload.js';
import { createTwirpHandler, sendJson } from './twirp.js';
import { WebhookSender } from './webhooks.js';

export interface StartOptions extends Partial<LiveKitDevOptions> {
  stateFile: string;
  uploader?: Uploader; // default: the Storage emulator at storageHost
  webhookRetryBaseMs?: number;
  spoolDir?: string; // where egress segments wait for upload (default: the system temp dir)
}

export interface LiveKitDev {
  url: string;
  port: number;
  store: StateStore;
  rooms: RoomOps;
  egress: EgressManager;
  webhooks: WebhookSender;
  /** Simulates a LiveKit restart: down for downMs, then reloaded from the state file. */
  restart(downMs?: number): Promise<void>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function startLiveKitDev(options: StartOptions): Promise<LiveKitDev> {
  const o: LiveKitDevOptions = {
    port: options.port ?? 0,
    apiKey: options.apiKey ?? 'devkey',
    apiSecret: options.apiSecret ?? DEFAULT_SECRET,
    webhookUrl: options.webhookUrl,
    storageHost: options.storageHost ?? '127.0.0.1:9199',
    stateFile: options.stateFile,
    speed: options.speed ?? 1,
    videoSize: videoSize(options.videoSize ?? DEFAULT_VIDEO_SIZE),
    fps: frameRate(options.fps ?? DEFAULT_FPS),
    freezeMs: options.freezeMs ?? 30000,
    ffmpegPath: options.ffmpegPath ?? 'ffmpeg',
    quiet: options.quiet ?? false,
  };
  const logger = createLogger(o.quiet);
  const store = new StateStore(o.stateFile);
  store.load();
  const webhooks = new WebhookSender({
    url: o.webhookUrl,
    apiKey: o.apiKey,
    apiSecret: o.apiSecret,
    logger,
    retryBaseMs: options.webhookRetryBaseMs,
  });
  const egress = new EgressManager({
    store,
    webhooks,
    uploader: options.uploader ?? new GcsEmulatorUploader(o.storageHost),
    logger,
    speed: o.speed,
    videoSize: o.videoSize,
    fps: o.fps,
    freezeMs: o.freezeMs,
    ffmpegPath: o.ffmpegPath,
    spoolDir: options.spoolDir,
  });
  const rooms = new RoomOps(store, webhooks, (name) => egress.roomEnded(name));

  let server: http.Server | undefined;
  let port = o.port;
  let restarting: Promise<void> | undefined;

  const twirp = createTwirpHandler({ apiKey: o.apiKey, apiSecret: o.apiSecret, store, rooms, egress });
  const reset = async (): Promise<void> => {
    await egress.reset();
    store.clear();
    webhooks.reset();
  };
  const restart = (downMs = 1000): Promise<void> => {
    restarting ??= (async () => {
      logger.info(`restart: down for ${downMs} ms`);
      await stopListening();
      await egress.suspendAll();
      await new Promise((r) => setTimeout(r, downMs));
      store.load();
      egress.resumeAll();
      await listen();
      logger.info('restart: back up');
    })().finally(() => {
      restarting = undefined;
    });
    return restarting;
  };
  const control = createControlHandler({ store, rooms, egress, webhooks, restart, reset });

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const t0 = Date.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const path = (req.url ?? '/').split('?')[0]!;
      res.on('finish', () => logger.request(req.method ?? '?', path, res.statusCode, Date.now() - t0));
      const handler = path.startsWith('/twirp/') ? twirp : path.startsWith('/control/') ? control : undefined;
      if (!handler) return sendJson(res, 404, { code: 'bad_route', msg: `no route for ${path}` });
      handler(req, res, raw).catch((err: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { code: 'internal', msg: (err as Error).message });
      });
    });
  };

  async function listen(): Promise<void> {
    const s = http.createServer(onRequest);
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve());
    });
    port = (s.address() as AddressInfo).port; // keep the same port across restarts
    server = s;
  }
  async function stopListening(): Promise<void> {
    const s = server;
    server = undefined;
    if (!s) return;
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections(); // keep-alive sockets would hold the port open
    });
  }

  await listen();
  egress.resumeAll(); // a fresh process picks up egresses the state file says are unfinished
  logger.info(`listening on http://127.0.0.1:${port} (api key ${o.apiKey}; state ${o.stateFile})`);

  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    store,
    rooms,
    egress,
    webhooks,
    restart,
    reset,
    async close() {
      await restarting?.catch(() => undefined);
      await stopListening();
      await egress.close();
      webhooks.close();
    },
  };
}
