// Type-checks every TypeScript program of the repository in one process: `node scripts/type-check.mjs`
// (npm test runs it). The same as `tsc -p <config> --noEmit` for each config, one after the other,
// but the programs share what they have in common: the parsed and bound declaration files of
// node_modules and the sources two programs both include. Seven `tsc` runs used ~64 s of CPU, this
// ~40 s (docs/test-time.md).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const PROGRAMS = [
  ['the contract', 'packages/contract/tsconfig.json'],
  ['the functions and their tests', 'functions/tsconfig.test.json'],
  ['the LiveKit stand-in', 'tools/livekit-dev/tsconfig.json'],
  ['the Speech-to-Text stand-in', 'tools/speech-dev/tsconfig.json'],
  // The web app alone, without the tests' Node types: browser code that leans on a Node global fails here.
  ['the web app (browser types only)', 'hosting/tsconfig.json'],
  ['the web app and its tests', 'hosting/tsconfig.test.json'],
  ['the browser tests', 'e2e/tsconfig.json'],
];

// Options that only the checker or the emitter reads. A parsed and bound file can be shared between
// programs whose other options are equal (as TypeScript's own language service shares them).
const CHECKER_ONLY = [
  'configFilePath',
  'noEmit',
  'outDir',
  'rootDir',
  'sourceMap',
  'types',
  'lib',
  'skipLibCheck',
  'noUnusedLocals',
  'noUnusedParameters',
  'noImplicitReturns',
  'noImplicitOverride',
  'noUncheckedIndexedAccess',
  'esModuleInterop',
  'allowSyntheticDefaultImports',
  'resolveJsonModule',
];

const sourceFiles = new Map();

function check(configPath) {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(root, configPath),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  const options = { ...config.options, noEmit: true };
  const sharedBy = JSON.stringify(Object.entries(options).filter(([key]) => !CHECKER_ONLY.includes(key)));
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile;
  host.getSourceFile = (fileName, language, ...rest) => {
    const key = `${fileName}\n${JSON.stringify(language)}\n${sharedBy}`;
    if (!sourceFiles.has(key)) sourceFiles.set(key, read(fileName, language, ...rest));
    return sourceFiles.get(key);
  };
  const program = ts.createProgram({
    rootNames: config.fileNames,
    options,
    host,
    projectReferences: config.projectReferences,
  });
  const diagnostics = [...config.errors, ...ts.getPreEmitDiagnostics(program)];
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => root,
    getNewLine: () => '\n',
  });
}

let failed = 0;
for (const [label, configPath] of PROGRAMS) {
  const found = check(configPath);
  if (found) {
    failed += 1;
    console.log(`type-check of ${label} (${configPath}) failed:\n${found}`);
  }
}
if (!failed) console.log(`type-checks passed (${PROGRAMS.length} programs)`);
process.exit(failed ? 1 : 0);
