// functions/package-lock.json, derived from the root package-lock.json (deploy tooling; plain Node).
// With npm workspaces the functions have no lockfile of their own, so Cloud Build would install
// whatever is newest at deploy time. This derives one that pins exactly the versions the root lock
// resolved (the ones every test ran against): the dependency closure of the `functions` workspace,
// laid out as a standalone tree rooted at functions/.
//   node scripts/functions-lock.mjs          write functions/package-lock.json
//   node scripts/functions-lock.mjs --check  exit 1 if it is missing or stale (firebase.json predeploy)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WORKSPACE = 'functions';
export const LOCK_PATH = path.join(root, WORKSPACE, 'package-lock.json');

// Fields that describe the root project's view (dev-only, peer-only); recomputed for functions.
const ROOT_VIEW_FLAGS = new Set(['dev', 'devOptional', 'optional', 'peer']);

/** The directory whose node_modules holds a package at `location` ('' is the tree's root). */
function parentDir(location) {
  const at = location.lastIndexOf('/node_modules/');
  if (at >= 0) return location.slice(0, at);
  return '';
}
const slot = (dir, name) => (dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`);
function ancestors(dir) {
  const dirs = [dir];
  while (dir !== '') dirs.push((dir = parentDir(dir)));
  return dirs;
}
const within = (dir, ancestor) => ancestor === '' || dir === ancestor || dir.startsWith(`${ancestor}/`);

/** Node's resolution of `name` from a package at `from`, over a `location → entry` map. */
function resolveIn(has, from, name) {
  for (const dir of ancestors(from)) if (has(slot(dir, name))) return slot(dir, name);
  return undefined;
}

// npm installs dependencies, optional dependencies and required peers; an optional peer only if
// something else needs it anyway, so those edges are left out.
function edgesOf(entry) {
  const optionalPeers = entry.peerDependenciesMeta ?? {};
  return [
    ...Object.keys(entry.dependencies ?? {}).map((name) => ({ name, optional: false })),
    ...Object.keys(entry.optionalDependencies ?? {}).map((name) => ({ name, optional: true })),
    ...Object.keys(entry.peerDependencies ?? {})
      .filter((name) => !optionalPeers[name]?.optional)
      .map((name) => ({ name, optional: false })),
  ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The standalone lock for the workspace, from the root lock object. Throws if it cannot be laid out. */
export function deriveFunctionsLock(rootLock, workspace = WORKSPACE) {
  const source = rootLock.packages;
  const ws = source[workspace];
  if (!ws) throw new Error(`the root lock has no "${workspace}" workspace entry`);
  const fromSource = (location) => location in source && !source[location].link;

  // New tree: new location → source location. Edges remembered to check for shadowing.
  const tree = new Map();
  const edges = []; // { from (new), name, target (source), at (new slot) }
  const required = new Set(); // source locations reachable through non-optional edges
  const queue = [{ newLoc: '', srcLoc: workspace, entry: ws, optional: false }];
  const seen = new Set();

  while (queue.length) {
    const { newLoc, srcLoc, entry, optional: viaOptional } = queue.shift();
    for (const { name, optional } of edgesOf(entry)) {
      const target = resolveIn(fromSource, srcLoc, name);
      if (!target) {
        if (optional) continue; // a platform-specific optional package the root lock left out
        throw new Error(`${srcLoc || 'root'} needs ${name}, which the root lock does not contain`);
      }
      const isOptional = viaOptional || optional;
      if (!isOptional) required.add(target);
      const at = place(newLoc, name, target);
      edges.push({ from: newLoc, name, target, at });
      const key = `${at}\0${isOptional}`;
      if (!seen.has(key) && !(isOptional && seen.has(`${at}\0false`))) {
        seen.add(key);
        queue.push({ newLoc: at, srcLoc: target, entry: source[target], optional: isOptional });
      }
    }
  }

  // Places `target` so that `name` resolves to it from `from`, as high as possible without
  // shadowing an edge already resolved to another version of `name` further up.
  function place(from, name, target) {
    const levels = ancestors(from);
    let free = levels.length;
    for (const [i, dir] of levels.entries()) {
      const current = tree.get(slot(dir, name));
      if (current === target) return slot(dir, name);
      if (current !== undefined) {
        free = i;
        break;
      }
    }
    for (const dir of levels.slice(0, free).reverse()) {
      const shadows = edges.some(
        (e) => e.name === name && e.target !== target && within(e.from, dir) && !within(parentDir(e.at), dir),
      );
      if (shadows) continue;
      tree.set(slot(dir, name), target);
      return slot(dir, name);
    }
    throw new Error(`cannot place ${name} (${target}) for ${from || 'root'} without shadowing another version`);
  }

  // Every edge must resolve, in the new tree, to the very package the root lock resolved.
  for (const e of edges) {
    const got = resolveIn((loc) => tree.has(loc), e.from, e.name);
    if (got !== e.at || tree.get(got) !== e.target)
      throw new Error(`layout check failed: ${e.from || 'root'} → ${e.name} resolves to ${got}`);
  }

  const packages = {
    '': {
      name: workspace,
      ...pick(ws, ['version', 'dependencies', 'optionalDependencies', 'peerDependencies', 'engines']),
    },
  };
  // npm's own order (locale compare, then `optional` after the license), so the file diffs cleanly.
  for (const location of [...tree.keys()].sort((a, b) => a.localeCompare(b, 'en'))) {
    const src = tree.get(location);
    const entry = {};
    for (const [key, value] of Object.entries(source[src])) {
      if (ROOT_VIEW_FLAGS.has(key)) continue;
      entry[key] = value;
      if (key === 'license' && !required.has(src)) entry.optional = true;
    }
    if (!required.has(src)) entry.optional = true;
    packages[location] = entry;
  }
  return { name: workspace, lockfileVersion: 3, requires: true, packages };
}

/** The lock's content with object keys sorted: equal for equal locks, whatever wrote them. */
function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical(value[key])]),
    );
  return value;
}

function pick(object, keys) {
  return Object.fromEntries(keys.filter((key) => object[key] !== undefined).map((key) => [key, object[key]]));
}

/** The lock as npm writes it: two-space JSON and a final newline. */
export function lockText(rootLockPath = path.join(root, 'package-lock.json')) {
  return `${JSON.stringify(deriveFunctionsLock(JSON.parse(readFileSync(rootLockPath, 'utf8'))), null, 2)}\n`;
}

/**
 * True when functions/package-lock.json pins exactly what the root lock derives (compared as data:
 * npm may have rewritten the file with its own key order).
 */
export function isFresh(lockPath = LOCK_PATH, rootLockPath) {
  if (!existsSync(lockPath)) return false;
  const committed = JSON.stringify(canonical(JSON.parse(readFileSync(lockPath, 'utf8'))));
  return committed === JSON.stringify(canonical(JSON.parse(lockText(rootLockPath))));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    if (!isFresh()) {
      console.error(
        'functions/package-lock.json is missing or stale (it must pin what the root package-lock.json resolved).',
      );
      console.error('Run `npm run lock:functions` and commit the result.');
      process.exit(1);
    }
    console.log('functions/package-lock.json matches the root lock.');
  } else {
    writeFileSync(LOCK_PATH, lockText());
    console.log(
      `wrote ${path.relative(root, LOCK_PATH)} (${Object.keys(JSON.parse(lockText()).packages).length - 1} packages)`,
    );
  }
}
