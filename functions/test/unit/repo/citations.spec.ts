// Comments and docs name files so a reader can go and look; after code moves, a name that points
// nowhere misleads. Every repository path cited in code, tests, scripts and docs must exist, and
// nothing may cite a document that lives outside the repository.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../../..');
const tracked = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter(Boolean);
const trackedSet = new Set(tracked);

/** Folders a citation may start with: the repository's own, and functions/src's layers cited from inside it. */
const CITED_ROOTS = [
  'functions',
  'hosting',
  'docs',
  'scripts',
  'tools',
  'bench',
  'packages',
  'e2e',
  'api',
  'domain',
  'services',
  'store',
  'media',
  'livekit',
  'triggers',
  'jobs',
  'features',
  'shell',
  'ui',
  'src',
  'test',
  'support',
  'kit',
];
const CITATION = new RegExp(
  String.raw`(?<![\w@/.:-])((?:\.\.?/)*(?:${CITED_ROOTS.join('|')})/[\w./-]*?\.(?:ts|tsx|mjs|cjs|md|css|json|rules))(?![\w/-])`,
  'g',
);
/** Design notes kept outside the repository: the project must not depend on them. */
const OUTSIDE =
  /(?:\.\.\/shared\/|\bshared\/|\/work\/)\w|\b(?:DESIGN|STYLE|LIVEKIT|EMULATORS|BROWSERS|ACCESSIBILITY)\.md\b/;

const cites = (file: string) => /\.(?:ts|tsx|mts|mjs|cjs|md|css)$/.test(file) && !file.startsWith('emulator-data/');

function exists(citingFile: string, cited: string): boolean {
  if (trackedSet.has(path.normalize(path.join(path.dirname(citingFile), cited)))) return true;
  const bare = cited.replace(/^(?:\.\.?\/)+/, '');
  return tracked.some((file) => file === bare || file.endsWith(`/${bare}`));
}

describe('citations of files', () => {
  it('every repository path named in code, tests and docs exists', () => {
    const missing: string[] = [];
    for (const file of tracked.filter(cites)) {
      readFileSync(path.join(root, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const [, cited] of line.matchAll(CITATION)) {
            if (!exists(file, cited!)) missing.push(`${file}:${i + 1} cites ${cited}`);
          }
        });
    }
    assert.deepEqual(missing, []);
  });

  it('nothing cites design notes that live outside the repository', () => {
    const outside = tracked
      .filter(cites)
      .filter((file) => file !== 'functions/test/unit/repo/citations.spec.ts')
      .flatMap((file) =>
        readFileSync(path.join(root, file), 'utf8')
          .split('\n')
          .flatMap((line, i) => (OUTSIDE.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
      );
    assert.deepEqual(outside, []);
  });
});
