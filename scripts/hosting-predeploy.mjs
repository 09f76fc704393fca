// Hosting's predeploy (firebase.json): `firebase deploy` (and `firebase deploy --dry-run`) runs it
// for the project it deploys to, before anything is uploaded. It
//   1. refuses a demo-* project and a firebase.json whose Hosting headers are not that project's
//      (npm run headers -- --project <id>) or that name an emulator address;
//   2. builds the web app and the widgets for production (vite build --mode production), so a
//      fresh clone with no hosting/dist deploys a build and a checkout never ships its emulator build;
//   3. checks the build: it names the project and holds no emulator address.
// firebase-tools gives the project as GCLOUD_PROJECT; `--project <id>` runs it by hand, and
// `--check-only` skips the build (checks firebase.json and the hosting/dist already there).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './functions-env.mjs';
import { emulatorAddressFindings, headerFindings } from './hosting-headers.mjs';

// What only an emulator build carries: the Auth emulator's address, the demo project.
const EMULATOR_MARKERS = [/127\.0\.0\.1/, /localhost:\d+/, /\bdemo-lecturevault\b/];

/** Findings for firebase.json before a deploy of `projectId`. */
export function configFindings(firebaseJson, projectId, { root = repoRoot } = {}) {
  if (!projectId) return ['no project: firebase deploy sets GCLOUD_PROJECT; by hand pass --project <id>'];
  if (projectId.startsWith('demo-')) return [`${projectId} is the emulator's demo project and is never deployed`];
  let headers;
  try {
    headers = headerFindings(firebaseJson, projectId, { root });
  } catch (error) {
    headers = [error.message];
  }
  return [...emulatorAddressFindings(firebaseJson), ...headers];
}

/** Findings for a built hosting/dist: present, complete, this project's, no emulator trace. */
export function buildFindings(dist, projectId) {
  if (!existsSync(path.join(dist, 'index.html'))) return [`${dist} has no index.html: the web app is not built`];
  const findings = [];
  if (!existsSync(path.join(dist, 'embed', 'lecturevault.js')))
    findings.push(`${dist} has no embed/lecturevault.js: the widgets are not built`);
  let namesProject = false;
  for (const file of filesUnder(dist).filter((f) => /\.(js|html|css|json|webmanifest)$/.test(f))) {
    const text = readFileSync(file, 'utf8');
    const marker = EMULATOR_MARKERS.find((re) => re.test(text));
    if (marker)
      findings.push(
        `${path.relative(dist, file)} holds ${marker.exec(text)[0]}: this is an emulator build (vite build --mode emulator)`,
      );
    if (text.includes(projectId)) namesProject = true;
  }
  if (!namesProject)
    findings.push(
      `the build names no ${projectId}: hosting/.env.production (VITE_FIREBASE_PROJECT_ID) is for another project`,
    );
  return findings;
}

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

/** The production builds, one after the other: both write into hosting/dist (the first empties it). */
export function buildWebApp({ root = repoRoot, log = console.log } = {}) {
  const hosting = path.join(root, 'hosting');
  for (const args of [
    ['vite', 'build', '--mode', 'production', '--logLevel', 'warn'],
    ['vite', 'build', '-c', 'vite.embed.config.ts', '--mode', 'production', '--logLevel', 'warn'],
  ]) {
    log(`hosting predeploy: npx ${args.join(' ')}`);
    const result = spawnSync('npx', args, { cwd: hosting, stdio: 'inherit' });
    if (result.status !== 0) return [`npx ${args.join(' ')} exited with ${result.status ?? result.signal}`];
  }
  return [];
}

export function predeploy({ projectId, root = repoRoot, build = true, log = console.log }) {
  const firebaseJson = JSON.parse(readFileSync(path.join(root, 'firebase.json'), 'utf8'));
  const before = configFindings(firebaseJson, projectId, { root });
  if (before.length) return before;
  if (build) {
    const failed = buildWebApp({ root, log });
    if (failed.length) return failed;
  }
  return buildFindings(path.join(root, firebaseJson.hosting.public ?? 'hosting/dist'), projectId);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--project');
  const projectId = at >= 0 ? args[at + 1] : process.env.GCLOUD_PROJECT;
  const rootAt = args.indexOf('--root');
  const root = rootAt >= 0 ? path.resolve(args[rootAt + 1]) : repoRoot;
  const findings = predeploy({ projectId, root, build: !args.includes('--check-only') });
  for (const finding of findings) console.error(`hosting predeploy: ✗ ${finding}`);
  if (findings.length) {
    console.error('hosting predeploy: refusing to deploy Hosting (docs/production.md, "Deploy-time failures").');
    process.exit(1);
  }
  console.log(`hosting predeploy: production build for ${projectId} checked (headers, no emulator address).`);
}
