// ESLint for every TypeScript/JavaScript tree of LectureVault (`npm run lint`; `npm test` runs it first).
// Beyond typescript-eslint's recommended rules it enforces the architecture (functions/src/README.md):
// no import cycles, persistence only in functions/src/store/, a store that never calls up into the
// layers above it, a pure domain, one LiveKit adapter, and domain/ and services/ made of feature
// folders only.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

// The web app's layers (docs/web-app.md): the shell and the widgets' entry (embed/) compose
// features; a feature reads app/ (the context, routes, session) and the shared ui/ kit; ui/ and
// app/ never reach up. Features do not import each other: what two share lives in ui/ or app/.
const web = (dir) => `hosting/src/${dir}`;
const webFeatures = readdirSync(new URL('./hosting/src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const webLayerZones = [
  {
    target: web('api'),
    from: ['app', 'features', 'shell', 'ui', 'embed'].map(web),
    message: 'hosting/src/api/ is the HTTP client layer: it knows no view, model or feature.',
  },
  {
    target: web('ui'),
    from: ['app', 'features', 'shell', 'embed'].map(web),
    message: 'ui/ is the shared UI kit: it imports no feature, app state or shell; pass what it needs as props.',
  },
  {
    target: web('app'),
    from: ['features', 'shell', 'embed'].map(web),
    message: 'app/ is what every view reads (context, routes, session): it imports no feature or shell.',
  },
  {
    target: web('features'),
    from: ['shell', 'embed'].map(web),
    message: 'A feature does not import the shell or the widgets: read the app through app/app-context.ts.',
  },
  ...webFeatures.map((name) => ({
    target: web(`features/${name}`),
    from: web('features'),
    except: [`./${name}`],
    message: 'Features do not import each other: move what two features share to ui/ (or app/ for app state).',
  })),
  {
    target: web('shell'),
    from: web('embed'),
    message: 'The site shell and the widgets (embed/) are separate entries.',
  },
  {
    target: web('embed'),
    from: web('shell'),
    message: 'The widgets (embed/) and the site shell are separate entries.',
  },
];

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
            'packages/contract/tsconfig.json',
            'functions/tsconfig.test.json',
            'hosting/tsconfig.test.json',
            'tools/livekit-dev/tsconfig.json',
            'tools/speech-dev/tsconfig.json',
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
    files: ['hosting/src/**/*.{ts,tsx}'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { basePath: path.dirname(fileURLToPath(import.meta.url)), zones: webLayerZones },
      ],
    },
  },
  {
    files: ['functions/src/**/*.ts'],
    ignores: ['functions/src/store/**', 'functions/src/livekit/**', 'functions/src/media/**'],
    rules: { 'no-restricted-imports': restrict(adminSdk, livekitSdk, childProcess) },
  },
  {
    files: ['functions/src/store/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(livekitSdk, childProcess, {
        group: ['**/services/**', '**/api/**', '**/triggers/**', '**/jobs/**'],
        message: 'functions/src/store/ stores: services call it, it never calls them (or the entry points).',
      }),
    },
  },
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
    // The contract is shared with the web app: zod/mini and its own modules only.
    files: ['packages/contract/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod/mini$|\\./)',
              message:
                'packages/contract imports zod/mini and its own modules only: it lands in the web app and in functions/lib.',
            },
          ],
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
          '**/store/**',
          '**/services/**',
          '**/api/**',
          '**/livekit/**',
          '**/media/**',
          '**/triggers/**',
          '**/jobs/**',
          '**/params',
        ],
        message: 'functions/src/domain/ is pure logic: pass facts in, return decisions.',
      }),
    },
  },
  {
    // domain/ and services/ hold feature folders only (domain/access/, services/playback/, …), so a
    // newcomer finds a feature by its folder name; a module directly under either has no feature.
    files: ['functions/src/domain/*.ts', 'functions/src/services/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Program',
          message: 'Put this module in its feature folder (functions/src/domain/<feature>/ or services/<feature>/).',
        },
      ],
    },
  },
);
