// The API surface of LectureVault: every route, wired to its handler.
import { Router } from './router';
import { me } from './me-handlers';

export function buildRouter(): Router {
  return new Router()
    .on('GET', '/health', async (_req, res) => {
      res.json({ ok: true });
    })
    .on('GET', '/me', me);
}
