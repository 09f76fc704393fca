// CORS at the edge of the `api` function: the platform's pages (WIDGET_ORIGINS) may call it with a
// token; preflights are answered here, before any route; everyone else gets no CORS header.
import type { Request } from 'firebase-functions/https';
import type { Response } from 'express';
import { corsDecision } from '../domain/http/cors-policy';
import { widgetOrigins } from '../params';
import { sendFailure } from './http';

type HttpHandler = (req: Request, res: Response) => void | Promise<void>;

export function withCors(handler: HttpHandler): HttpHandler {
  return (req, res) => {
    const decision = corsDecision(
      { origin: req.get('origin'), method: req.method, requestMethod: req.get('access-control-request-method') },
      widgetOrigins(),
    );
    // Whatever a cache keeps of this answer, it must not hand one origin's headers to another.
    res.vary('Origin');
    if (decision.kind === 'none') return handler(req, res);
    res.set(decision.headers);
    if (decision.kind === 'allow') return handler(req, res);
    if (decision.allowed) {
      res.status(204).set('Cache-Control', 'no-store').end();
      return;
    }
    sendFailure(res, 403, 'origin-not-allowed', 'This origin may not call the LectureVault API.');
  };
}
