// The `api` function's router served in-process on loopback, as the benchmarks run the server code:
// optionally with the LiveKit webhook endpoint beside it (for the stand-in's webhooks) and a hook
// told of every answered request (the cost meter counts invocations with it).
import express from 'express';
import type { AddressInfo } from 'node:net';
import { buildRouter } from '../functions/src/api/routes';
import { handleLivekitWebhook } from '../functions/src/triggers/livekit-webhook';

export interface ServeOptions {
  /** Also serve POST /livekitWebhook. */
  livekitWebhook?: boolean;
  /** Called when each request is answered, with its path and wall time. */
  onAnswered?: (path: string, ms: number) => void;
}

export interface ServedApi {
  /** http://127.0.0.1:<port> */
  origin: string;
  port: number;
  /** The API's base: `${origin}/api`. */
  base: string;
  close: () => Promise<void>;
}

export async function serveApi({ livekitWebhook = false, onAnswered }: ServeOptions = {}): Promise<ServedApi> {
  const app = express();
  if (onAnswered)
    app.use((req, res, next) => {
      const start = performance.now();
      res.on('finish', () => onAnswered(req.path, performance.now() - start));
      next();
    });
  if (livekitWebhook)
    app.post('/livekitWebhook', express.raw({ type: () => true }), (req, res) => {
      Object.assign(req, { rawBody: req.body as Buffer });
      void handleLivekitWebhook(req as never, res);
    });
  const router = buildRouter();
  app.use(express.json(), (req, res) => void router.handle(req as never, res));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    base: `${origin}/api`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
