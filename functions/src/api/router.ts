// A tiny method + path router for the `api` function (Hosting rewrites /api/** to it).
import type { Request } from 'firebase-functions/https';
import type { Response } from 'express';
import { NotFound } from '../errors';
import { sendError, sendFailure } from './http';

export type Handler = (req: Request, res: Response, params: Record<string, string>) => Promise<void>;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

export class Router {
  private readonly routes: Route[] = [];

  on(method: string, path: string, handler: Handler): this {
    const keys: string[] = [];
    const pattern = new RegExp(
      '^' + path.replace(/\./g, '\\.').replace(/:(\w+)/g, (_m, key: string) => (keys.push(key), '([^/]+)')) + '/?$',
    );
    this.routes.push({ method, pattern, keys, handler });
    return this;
  }

  async handle(req: Request, res: Response): Promise<void> {
    // The Hosting rewrite keeps the /api prefix; a direct call to the function URL has none.
    const path = req.path.replace(/^\/api(?=\/|$)/, '') || '/';
    try {
      for (const route of this.routes) {
        const match = route.pattern.exec(path);
        if (!match || route.method !== req.method) continue;
        const params = Object.fromEntries(route.keys.map((key, i) => [key, decodeURIComponent(match[i + 1])]));
        await route.handler(req, res, params);
        return;
      }
      const allowed = [
        ...new Set(this.routes.filter((route) => route.pattern.test(path)).map((route) => route.method)),
      ];
      if (allowed.length) {
        res.set('Allow', allowed.join(', '));
        sendFailure(res, 405, 'method-not-allowed', `${path} answers ${allowed.join(', ')}, not ${req.method}.`);
        return;
      }
      throw new NotFound(`No API route for ${req.method} ${path}.`);
    } catch (error) {
      sendError(res, path, error);
    }
  }
}
