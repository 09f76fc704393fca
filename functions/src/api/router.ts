// A tiny method + path router for the `api` function (Hosting rewrites /api/** to it).
import type { Request } from 'firebase-functions/https';
import type { Response } from 'express';
import { InvalidInput, NotFound } from '../errors';
import { decodeComponent, sendError, sendFailure } from './http';

export type Handler = (req: Request, res: Response, params: Record<string, string>) => Promise<void>;

interface Route {
  method: string;
  path: string;
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
    this.routes.push({ method, path, pattern, keys, handler });
    return this;
  }

  /** The routes, for whoever must cover every one of them (the fuzz suite). */
  list(): { method: string; path: string }[] {
    return this.routes.map(({ method, path }) => ({ method, path }));
  }

  async handle(req: Request, res: Response): Promise<void> {
    // The Hosting rewrite keeps the /api prefix; a direct call to the function URL has none.
    const path = req.path.replace(/^\/api(?=\/|$)/, '') || '/';
    try {
      for (const route of this.routes) {
        const match = route.pattern.exec(path);
        if (!match || route.method !== req.method) continue;
        const params = decodeParams(route.keys, match);
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

/** The matched path segments, percent-decoded; a malformed escape is the client's mistake (400), not ours. */
function decodeParams(keys: string[], match: RegExpExecArray): Record<string, string> {
  return Object.fromEntries(
    keys.map((key, i) => {
      const value = decodeComponent(match[i + 1]);
      if (value === undefined) throw new InvalidInput(`${key}: not a valid percent-encoded path segment`);
      return [key, value];
    }),
  );
}
