// A tiny method + path router for the HTTP functions (Hosting rewrites /api/** to them). Routes
// come from the contract's endpoint table (`route`), which types each handler's params and reply.
import type { Request } from 'firebase-functions/https';
import type { Response } from 'express';
import type { Endpoint, ParamsOf, SentReplyOf } from '@lecturevault/contract';
import { InvalidInput, NotFound } from '../errors';
import { decodeComponent, sendError, sendFailure } from './http';

/** A route's handler, as the router calls it: the path parameters percent-decoded, by name. */
export type RawHandler = (req: Request, res: Response, params: Record<string, string>) => Promise<void>;

/**
 * The handler of one endpoint of the table: its params are the endpoint's, and `res.json()` /
 * `res.send()` take only what the endpoint's reply schema accepts.
 */
export type Handler<E extends Endpoint> = (
  req: Request,
  res: Response<SentReplyOf<E>>,
  params: ParamsOf<E>,
) => Promise<void>;

interface Route {
  method: string;
  path: string;
  pattern: RegExp;
  keys: string[];
  handler: RawHandler;
}

export class Router {
  private readonly routes: Route[] = [];

  /** An endpoint of the contract's table, served by its handler. */
  route<E extends Endpoint>(endpoint: E, handler: Handler<E>): this {
    return this.on(endpoint.method, endpoint.path, handler as unknown as RawHandler);
  }

  on(method: string, path: string, handler: RawHandler): this {
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
