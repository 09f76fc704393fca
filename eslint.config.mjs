// ESLint for every TypeScript/JavaScript tree of LectureVault (`npm run lint`; `npm test` runs it first).
// Beyond typescript-eslint's recommended rules it enforces the architecture (see shared/STYLE.md):
// no import cycles, persistence only in functions/src/store/, a pure domain, one LiveKit adapter.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';

const restrict = (...patterns) => ['error', { patterns }];
const adminSdk = {
  group: ['firebase-admin', 'firebase-admin/*', '**/store/firebase'],
  message: 'Persistence lives in functions/src/store/: call a named store function instead.',
};
const livekitSdk = { group: ['livekit-server-sdk'], message: 'Only functions/src/livekit/ talks to LiveKit.' };
const childProcess = {
  group: ['node:child_process', 'child_process'],
  message: 'Only functions/src/media/ spawns processes (media/ffmpeg.ts): call a named media function instead.',
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      'functions/lib/',
      'hosting/dist/',
      'emulator-data/',
      'test-artifacts/',
      'bench/out/',
      '.dev/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          noWarnOnMultipleProjects: true,
          project: [
            'functions/tsconfig.test.json',
            'hosting/tsconfig.test.json',
            'tools/livekit-dev/tsconfig.json',
            'bench/tsconfig.json',
            'e2e/tsconfig.json',
          ],
        }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['functions/src/**/*.ts'],
    ignores: ['functions/src/store/**', 'functions/src/livekit/**', 'functions/src/media/**'],
    rules: { 'no-restricted-imports': restrict(adminSdk, livekitSdk, childProcess) },
  },
  { files: ['functions/src/store/**/*.ts'], rules: { 'no-restricted-imports': restrict(livekitSdk, childProcess) } },
  { files: ['functions/src/livekit/**/*.ts'], rules: { 'no-restricted-imports': restrict(adminSdk, childProcess) } },
  { files: ['functions/src/media/**/*.ts'], rules: { 'no-restricted-imports': restrict(adminSdk, livekitSdk) } },
  {
    // Every query goes through store/indexed-query.ts, which checks it has its composite index.
    files: ['functions/src/**/*.ts'],
    ignores: ['functions/src/store/indexed-query.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(where|orderBy)$/]',
          message: 'Build Firestore queries with indexedQuery() (store/indexed-query.ts): it checks the index exists.',
        },
      ],
    },
  },
  {
    // The domain is pure: no SDK, no I/O layer, so it can be tested without any emulator.
    files: ['functions/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(adminSdk, livekitSdk, childProcess, {
        group: [
          'firebase-functions',
          'firebase-functions/*',
          '**/store/*',
          '**/services/*',
          '**/api/*',
          '**/livekit/*',
          '**/params',
        ],
        message: 'functions/src/domain/ is pure logic: pass facts in, return decisions.',
      }),
    },
  },
);
