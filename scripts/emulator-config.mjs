// The emulators' own firebase.json, written to .dev/firebase.json for an emulator run only (npm start,
// npm test, dev.mjs specs). The committed firebase.json is what a deploy reads, so it holds no
// emulator address; here the emulators block and the emulator's Hosting headers (the Auth emulator
// in connect-src, downloads posted to the same origin) are added to it.
// firebase-tools resolves every path of a config relative to the config's own directory and
// refuses one outside it, so .dev/ gets links to what the config names.
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { repoRoot } from './functions-env.mjs';
import { securityHeaders, factsFor, withHeaders } from './hosting-headers.mjs';

const LOCAL = '127.0.0.1';
export const EMULATORS = {
  singleProjectMode: true,
  hub: { host: LOCAL, port: 4400 },
  logging: { host: LOCAL, port: 4500 },
  auth: { host: LOCAL, port: 9099 },
  functions: { host: LOCAL, port: 5001 },
  firestore: { host: LOCAL, port: 8080, websocketPort: 9150 },
  storage: { host: LOCAL, port: 9199 },
  hosting: { host: LOCAL, port: 5000 },
  pubsub: { host: LOCAL, port: 8085 },
  tasks: { host: LOCAL, port: 9499 },
  eventarc: { host: LOCAL, port: 9299 },
  ui: { enabled: false },
};

const LINKS = ['functions', 'hosting', 'firestore.rules', 'firestore.indexes.json', 'storage.rules'];

/** The emulator's config: the committed one, its headers the demo project's, no deploy hooks. */
export function emulatorConfig(projectId, { root = repoRoot } = {}) {
  if (!projectId.startsWith('demo-')) throw new Error(`the emulator config is for demo-* projects, not ${projectId}`);
  const committed = JSON.parse(readFileSync(path.join(root, 'firebase.json'), 'utf8'));
  const { predeploy: _hostingBuild, ...hosting } = committed.hosting;
  const functions = [committed.functions ?? []].flat().map(({ predeploy: _lock, ...rest }) => rest);
  const config = withHeaders({ ...committed, hosting, functions }, securityHeaders(factsFor(projectId, { root })));
  return { ...config, emulators: EMULATORS };
}

/** Writes .dev/firebase.json (and its links); returns its path for `firebase --config`. */
export function writeEmulatorConfig(projectId, { root = repoRoot } = {}) {
  const dir = path.join(root, '.dev');
  mkdirSync(dir, { recursive: true });
  // Idempotent: the test lanes' emulators start one after the other from the same config, and the
  // first may be reading it while the second is launched.
  for (const name of LINKS) {
    const link = path.join(dir, name);
    const target = path.join('..', name);
    if (isLink(link) && readlinkSync(link) === target && existsSync(path.join(root, name))) continue;
    if (existsSync(link) || isLink(link)) rmSync(link);
    if (existsSync(path.join(root, name))) symlinkSync(target, link);
  }
  const file = path.join(dir, 'firebase.json');
  const text = `${JSON.stringify(emulatorConfig(projectId, { root }), null, 2)}\n`;
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) writeFileSync(file, text);
  return file;
}

function isLink(file) {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}
