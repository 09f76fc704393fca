// Every error answer carries Cache-Control: no-store because only one function writes them
// (sendFailure in api/http.ts). This guard keeps it that way: a handler that sets a 4xx/5xx status
// itself would skip the header, and Hosting's CDN would keep its 404 for minutes.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '../../../src');
const ALLOWED = new Set(['api/http.ts']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('error answers', () => {
  it('are written only by api/http.ts (sendFailure / sendError), never by a handler setting a 4xx/5xx itself', () => {
    const offenders: string[] = [];
    for (const file of sources(SRC)) {
      const rel = path.relative(SRC, file).split(path.sep).join('/');
      if (ALLOWED.has(rel)) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/\.(status|sendStatus|writeHead)\(\s*[45]\d\d\b/.test(line) || /\.statusCode\s*=\s*[45]\d\d\b/.test(line))
            offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
        });
    }
    assert.deepEqual(offenders, [], 'answer errors through sendFailure/sendError in api/http.ts');
  });
});
