// Emulator adaptation for offline Java-17 machines (dev/test only; nothing here is deployed).
//
// On a normal developer machine (Java 21+, internet) this returns {} and firebase-tools
// downloads and runs its own emulator JARs. Where Java is older than 21 it points
// firebase-tools' documented *_EMULATOR_BINARY_PATH hooks at:
//   - Firestore: the Google Cloud SDK's emulator JAR, through a manifest-only launcher JAR
//     (the SDK JAR has no Main-Class, and firebase-tools runs `java -jar <path>`);
//   - Pub/Sub: the Google Cloud SDK's shell launcher;
//   - Storage rules runtime: a tiny deny-all runtime (emulator-shims/StorageRulesDenyAll.java),
//     because the real one cannot be downloaded here. Client SDK access to Storage is then always
//     denied — what our deny-all storage.rules says anyway — and storage.rules cannot be unit-tested.
// Force a mode with LV_EMULATORS=stock|sdk. Variables already set by the caller are kept.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shimDir = path.join(root, '.dev', 'emulator-shims');
const sdk = process.env.CLOUDSDK_ROOT ?? '/usr/lib/google-cloud-sdk';
const firestoreJar = path.join(sdk, 'platform/cloud-firestore-emulator/cloud-firestore-emulator.jar');
const pubsubLauncher = path.join(sdk, 'platform/pubsub-emulator/bin/cloud-pubsub-emulator');

export function javaMajorVersion() {
  // `java -version` prints to stderr.
  const { stdout = '', stderr = '' } = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return parseJavaVersion(stderr + stdout);
}

function parseJavaVersion(text) {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(text);
  if (!match) return 0;
  return match[1] === '1' ? Number(match[2]) : Number(match[1]);
}

/** Environment variables firebase-tools needs on this machine ({} on a stock machine). */
export function emulatorEnv() {
  const javaVersion = javaMajorVersion();
  const mode = process.env.LV_EMULATORS ?? (javaVersion >= 21 ? 'stock' : 'sdk');
  if (mode === 'stock') return {};
  if (!existsSync(firestoreJar) || !existsSync(pubsubLauncher)) {
    throw new Error(
      `Java ${javaVersion || '(not found)'} is older than 21 and the Google Cloud SDK emulators are missing ` +
        `(${firestoreJar}). Install Java 21, or the SDK's cloud-firestore-emulator and pubsub-emulator components.`,
    );
  }
  mkdirSync(shimDir, { recursive: true });
  const env = {
    FIRESTORE_EMULATOR_BINARY_PATH: firestoreLauncher(),
    PUBSUB_EMULATOR_BINARY_PATH: pubsubLauncher,
    STORAGE_EMULATOR_BINARY_PATH: storageRulesStub(),
  };
  for (const key of Object.keys(env)) if (process.env[key]) env[key] = process.env[key];
  return env;
}

function firestoreLauncher() {
  const jar = path.join(shimDir, 'firestore-launcher.jar');
  if (existsSync(jar)) return jar;
  const manifest = path.join(shimDir, 'firestore-manifest.txt');
  writeFileSync(
    manifest,
    `Main-Class: com.google.cloud.datastore.emulator.firestore.CloudFirestore\nClass-Path: ${pathToFileURL(firestoreJar)}\n`,
  );
  execFileSync('jar', ['cfm', jar, manifest]);
  return jar;
}

function storageRulesStub() {
  const jar = path.join(shimDir, 'storage-rules-deny-all.jar');
  if (existsSync(jar)) return jar;
  const classes = path.join(shimDir, 'classes');
  execFileSync('javac', ['-d', classes, path.join(root, 'scripts/emulator-shims/StorageRulesDenyAll.java')]);
  writeFileSync(path.join(shimDir, 'storage-manifest.txt'), 'Main-Class: StorageRulesDenyAll\n');
  execFileSync('jar', ['cfm', jar, path.join(shimDir, 'storage-manifest.txt'), '-C', classes, '.']);
  return jar;
}

function pathToFileURL(p) {
  return `file://${p.split(path.sep).map(encodeURIComponent).join('/')}`;
}
