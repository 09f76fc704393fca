// HTTPS in front of the Hosting emulator, for engines that drop Secure cookies on plain
// http://127.0.0.1 (WebKit). The certificate is made at test time with openssl and trusted only by
// the test browser (acceptInsecureCerts); production keeps `Secure` as it is. It can also serve a
// few test-only scripts from the page's own origin and load them first in the app's HTML, and carry
// a plain-http service (the Auth emulator) on the same origin: an HTTPS page may not call http://
// ones (mixed content; production Auth is HTTPS anyway).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface HttpsProxy {
  readonly origin: string;
  close(): Promise<void>;
}

function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(path.join(tmpdir(), 'lv-tls-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

export interface ProxyOptions {
  /** Test-only scripts (path → source), served here and loaded first in every HTML page. */
  readonly scripts?: Record<string, string>;
  /** Another plain-http service by path prefix (the Auth emulator's API paths → its origin). */
  readonly service?: { readonly origin: string; readonly prefixes: readonly string[] };
}

/** Proxies every request to `upstream` (or to the service, by path prefix) over HTTPS. */
export async function startHttpsProxy(upstream: string, options: ProxyOptions = {}): Promise<HttpsProxy> {
  const scripts = options.scripts ?? {};
  const service = options.service;
  const tags = Object.keys(scripts)
    .map((src) => `<script src="${src}"></script>`)
    .join('');
  let origin = '';
  // The app's own references to the service (its Auth emulator URL) are pointed at this origin.
  const rewrite = (text: string, html: boolean) => {
    const pointed = service ? text.split(service.origin).join(origin) : text;
    return html ? pointed.replace(/<head>/i, (head) => head + tags) : pointed;
  };
  const server: Server = createServer(selfSignedCertificate(), (req, res) => {
    const url = req.url ?? '/';
    const own = scripts[url];
    if (own !== undefined) {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(own);
      return;
    }
    const target = new URL(service?.prefixes.some((prefix) => url.startsWith(prefix)) ? service.origin : upstream);
    const headers = { ...req.headers, host: target.host, 'accept-encoding': 'identity' };
    const forwarded = httpRequest(
      { host: target.hostname, port: target.port, path: url, method: req.method, headers },
      (answer) => {
        const type = answer.headers['content-type'] ?? '';
        const html = type.startsWith('text/html');
        const script = type.includes('javascript');
        if (!(html && tags) && !(service && (html || script))) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const page = rewrite(Buffer.concat(chunks).toString('utf8'), html);
          const { 'content-length': _length, etag: _etag, ...rest } = answer.headers;
          res.writeHead(answer.statusCode ?? 502, rest).end(page);
        });
      },
    );
    forwarded.on('error', () => res.writeHead(502).end());
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  origin = `https://127.0.0.1:${port}`;
  return {
    origin,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
