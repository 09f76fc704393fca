// `npm run bootstrap -- --project <id|alias> [--dry-run]`: the one-time set-up of a Google Cloud
// project for LectureVault, as code (docs/production.md §0 starts here). Every step prints what it
// does; run it again at any time: a step whose probe finds its result already there is skipped,
// and the others (API enables, IAM bindings, bucket updates) are idempotent by nature.
// --dry-run prints every gcloud/firebase command, probes included, and runs none of them.
// What this cannot do (the LiveKit secret, the Trigger Email extension's SMTP password, org
// policies, Auth's providers) is listed at the end; `npm run preflight` checks the files.
// Options: --region (default FUNCTIONS_REGION for the project), --ingest-bucket (INGEST_BUCKET or
// <id>-ingest), --main-bucket (<id>.firebasestorage.app), --firestore-location (nam5/eur3/region),
// --project-number (else read with gcloud; a dry run prints <PROJECT_NUMBER>), --runtime-account
// (the functions' account; default the default compute account, which they run as), --deployer
// <email> (a CI identity to give the deploy roles).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { paramValue, parseDotenv, repoRoot } from './functions-env.mjs';

export const APIS = [
  'cloudfunctions.googleapis.com',
  'run.googleapis.com',
  'cloudbuild.googleapis.com',
  'artifactregistry.googleapis.com',
  'eventarc.googleapis.com',
  'pubsub.googleapis.com',
  'cloudscheduler.googleapis.com',
  'cloudtasks.googleapis.com',
  'secretmanager.googleapis.com',
  'firestore.googleapis.com',
  'storage.googleapis.com',
  'firebasestorage.googleapis.com',
  'firebasehosting.googleapis.com',
  'firebaseextensions.googleapis.com',
  'identitytoolkit.googleapis.com',
  'logging.googleapis.com',
  'monitoring.googleapis.com',
  'iam.googleapis.com',
  'iamcredentials.googleapis.com',
  'cloudresourcemanager.googleapis.com',
  'billingbudgets.googleapis.com',
];

/** What the functions' runtime account needs on the project (docs/production.md §3). */
export const RUNTIME_PROJECT_ROLES = [
  'roles/datastore.user', // Firestore
  'roles/firebaseauth.viewer', // verifyIdToken(…, checkRevoked) and getUser read Auth
  'roles/cloudtasks.enqueuer', // the recording watchdog's chain
  'roles/run.invoker', // tasks and Eventarc call the functions as this account
  'roles/eventarc.eventReceiver', // the storage trigger's events
  'roles/logging.logWriter',
];
export const BUILD_ROLE = 'roles/cloudbuild.builds.builder';
export const DEPLOYER_ROLES = ['roles/firebase.admin', 'roles/artifactregistry.admin', 'roles/secretmanager.admin'];
// firebase-tools' own cleanup policy (functions:artifacts:setpolicy), so its deploy-time check passes.
const CLEANUP_DAYS = '1';
const FIRESTORE_LOCATIONS = { 'us-central1': 'nam5', 'europe-west1': 'eur3' };

export function resolveOptions(args, { root = repoRoot } = {}) {
  const option = (name) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const rc = existsSync(path.join(root, '.firebaserc'))
    ? JSON.parse(readFileSync(path.join(root, '.firebaserc'), 'utf8'))
    : { projects: {} };
  const given = option('project');
  const projectId = rc.projects?.[given] ?? given;
  if (!projectId) throw new Error('pass --project <id|alias>');
  if (projectId.startsWith('demo-')) throw new Error(`${projectId} is the emulator's demo project: nothing to set up`);
  const region = option('region') ?? paramValue('FUNCTIONS_REGION', projectId, { root }) ?? 'us-central1';
  const ingestFromEnv = paramValue('INGEST_BUCKET', projectId, { root });
  return {
    projectId,
    region,
    ingestBucket:
      option('ingest-bucket') ??
      (ingestFromEnv && !ingestFromEnv.includes('$') ? ingestFromEnv : `${projectId}-ingest`),
    mainBucket: option('main-bucket') ?? `${projectId}.firebasestorage.app`,
    firestoreLocation: option('firestore-location') ?? FIRESTORE_LOCATIONS[region] ?? region,
    projectNumber: option('project-number'),
    runtimeAccount: option('runtime-account'),
    deployer: option('deployer'),
    dryRun: args.includes('--dry-run'),
    root,
  };
}

const gcloud = (...args) => ['gcloud', ...args];
const firebase = (...args) => ['npx', 'firebase', ...args];

/**
 * The steps, in order. Each: id, title, `probe` (a command that succeeds when the step's result is
 * already there: the step is then skipped), `run` (commands, each an argv), or `custom` (done in
 * process, for the two secrets whose values must never be printed) with `show` for a dry run.
 */
export function plan(o) {
  const p = o.projectId;
  const n = o.projectNumber ?? '<PROJECT_NUMBER>';
  const at = `--project=${p}`;
  const computeSa = `${n}-compute@developer.gserviceaccount.com`;
  const runtimeSa = o.runtimeAccount ?? computeSa;
  const egressSa = `lv-egress@${p}.iam.gserviceaccount.com`;
  const projectBinding = (member, role) =>
    gcloud(
      'projects',
      'add-iam-policy-binding',
      p,
      `--member=${member}`,
      `--role=${role}`,
      '--condition=None',
      '--quiet',
    );
  const bucketBinding = (bucket, member, role) =>
    gcloud(
      'storage',
      'buckets',
      'add-iam-policy-binding',
      `gs://${bucket}`,
      `--member=${member}`,
      `--role=${role}`,
      at,
    );
  /** A role on the runtime service account itself (using it, signing as it). */
  const runtimeAccountBinding = (member, role) =>
    gcloud('iam', 'service-accounts', 'add-iam-policy-binding', runtimeSa, `--member=${member}`, `--role=${role}`, at);
  return [
    {
      id: 'apis',
      title: 'Enable the APIs Functions 2nd gen, Eventarc, Firestore, Storage, Hosting, Auth and the extension use',
      run: [gcloud('services', 'enable', ...APIS, at)],
    },
    {
      id: 'build-account',
      title: `Let the default compute account build functions (${BUILD_ROLE}; secure-by-default organisations grant it nothing)`,
      run: [projectBinding(`serviceAccount:${computeSa}`, BUILD_ROLE)],
    },
    {
      id: 'artifact-repository',
      title: `Create the functions' image repository gcf-artifacts in ${o.region} (skipped when present)`,
      probe: gcloud('artifacts', 'repositories', 'describe', 'gcf-artifacts', `--location=${o.region}`, at),
      run: [
        gcloud(
          'artifacts',
          'repositories',
          'create',
          'gcf-artifacts',
          '--repository-format=docker',
          `--location=${o.region}`,
          '--description=Cloud Functions images',
          at,
        ),
      ],
    },
    {
      id: 'cleanup-policy',
      title: `Set firebase-tools' Artifact Registry cleanup policy (${CLEANUP_DAYS} day), so firebase deploy --non-interactive does not stop on it`,
      run: [
        firebase(
          'functions:artifacts:setpolicy',
          `--project=${p}`,
          `--location=${o.region}`,
          `--days=${CLEANUP_DAYS}`,
          '--force',
          '--non-interactive',
        ),
      ],
    },
    {
      id: 'main-bucket',
      title: `Check the default bucket gs://${o.mainBucket} (Storage → Get started in the console, location ${o.region}); uniform access, no public access`,
      probe: gcloud('storage', 'buckets', 'describe', `gs://${o.mainBucket}`, at, '--format=value(location)'),
      missing: `gs://${o.mainBucket} does not exist: open Storage in the Firebase console, "Get started", location ${o.region} (or its multi-region), then run bootstrap again`,
      after: [
        gcloud(
          'storage',
          'buckets',
          'update',
          `gs://${o.mainBucket}`,
          '--uniform-bucket-level-access',
          '--public-access-prevention',
          at,
        ),
      ],
    },
    {
      id: 'ingest-bucket',
      title: `Create the ingest bucket gs://${o.ingestBucket} in ${o.region} (skipped when present)`,
      probe: gcloud('storage', 'buckets', 'describe', `gs://${o.ingestBucket}`, at, '--format=value(location)'),
      run: [
        gcloud(
          'storage',
          'buckets',
          'create',
          `gs://${o.ingestBucket}`,
          `--location=${o.region}`,
          '--uniform-bucket-level-access',
          '--public-access-prevention',
          at,
        ),
      ],
    },
    {
      id: 'ingest-lifecycle',
      title: `Give gs://${o.ingestBucket} its lifecycle rule (storage-lifecycle.ingest.json: plaintext deleted after a day)`,
      run: [
        gcloud(
          'storage',
          'buckets',
          'update',
          `gs://${o.ingestBucket}`,
          '--lifecycle-file=storage-lifecycle.ingest.json',
          at,
        ),
      ],
    },
    {
      id: 'egress-account',
      title: `Create the egress uploader account ${egressSa} (skipped when present)`,
      probe: gcloud('iam', 'service-accounts', 'describe', egressSa, at),
      run: [
        gcloud(
          'iam',
          'service-accounts',
          'create',
          'lv-egress',
          '--display-name=LiveKit Egress uploads (ingest bucket only)',
          at,
        ),
      ],
    },
    {
      id: 'egress-binding',
      title: `Let it write the ingest bucket only (roles/storage.objectUser on gs://${o.ingestBucket}; nothing on the main bucket or the project)`,
      run: [bucketBinding(o.ingestBucket, `serviceAccount:${egressSa}`, 'roles/storage.objectUser')],
    },
    {
      id: 'egress-hmac',
      title: `Create its HMAC key for Cloud Storage's XML API (skipped when it has an active one): access id → EGRESS_HMAC_ACCESS_ID in functions/.env.${p}, secret → Secret Manager EGRESS_HMAC_SECRET, never printed`,
      // `hmac list` shows active keys only, unless --all.
      probe: gcloud('storage', 'hmac', 'list', `--service-account=${egressSa}`, '--format=value(accessId)', at),
      probeNeedsOutput: true,
      show: [
        [...gcloud('storage', 'hmac', 'create', egressSa, '--format=json', at), '# output kept in memory, not printed'],
        [
          ...firebase('functions:secrets:set', 'EGRESS_HMAC_SECRET', '--data-file=-', `--project=${p}`, '--force'),
          '# the secret on stdin',
        ],
        [`# then EGRESS_HMAC_ACCESS_ID=<access id> is written into functions/.env.${p}`],
      ],
      custom: (ctx) => createHmacKey(ctx, egressSa),
    },
    {
      id: 'runtime-roles',
      title: `Give the functions' runtime account ${runtimeSa} its roles (${RUNTIME_PROJECT_ROLES.join(', ')}; buckets; act as itself and sign as itself)`,
      run: [
        ...RUNTIME_PROJECT_ROLES.map((role) => projectBinding(`serviceAccount:${runtimeSa}`, role)),
        bucketBinding(o.mainBucket, `serviceAccount:${runtimeSa}`, 'roles/storage.objectAdmin'),
        bucketBinding(o.ingestBucket, `serviceAccount:${runtimeSa}`, 'roles/storage.objectUser'),
        runtimeAccountBinding(`serviceAccount:${runtimeSa}`, 'roles/iam.serviceAccountUser'),
        // createCustomToken (POST /api/embed/feed-token) signs through IAM's signBlob as this account.
        runtimeAccountBinding(`serviceAccount:${runtimeSa}`, 'roles/iam.serviceAccountTokenCreator'),
      ],
    },
    {
      id: 'event-trigger-iam',
      title:
        'Grant what the first event-trigger deploy would (a CI deployer cannot): service agents created, storage agent → pubsub.publisher, Pub/Sub agent → token creator',
      run: [
        gcloud('storage', 'service-agent', at),
        gcloud('beta', 'services', 'identity', 'create', '--service=pubsub.googleapis.com', at),
        gcloud('beta', 'services', 'identity', 'create', '--service=eventarc.googleapis.com', at),
        projectBinding(
          `serviceAccount:service-${n}@gs-project-accounts.iam.gserviceaccount.com`,
          'roles/pubsub.publisher',
        ),
        projectBinding(
          `serviceAccount:service-${n}@gcp-sa-pubsub.iam.gserviceaccount.com`,
          'roles/iam.serviceAccountTokenCreator',
        ),
      ],
    },
    {
      id: 'recording-kek',
      title:
        'Create the key-encryption key RECORDING_KEK (32 random bytes; skipped when the secret exists: a new one would orphan every recording key)',
      probe: gcloud('secrets', 'describe', 'RECORDING_KEK', at),
      show: [
        [
          ...firebase('functions:secrets:set', 'RECORDING_KEK', '--data-file=-', `--project=${p}`, '--force'),
          '# 32 random bytes, base64, on stdin',
        ],
      ],
      custom: (ctx) => setSecret(ctx, 'RECORDING_KEK', randomBytes(32).toString('base64')),
    },
    {
      id: 'firestore',
      title: `Create the Firestore database in ${o.firestoreLocation} (skipped when present)`,
      probe: gcloud('firestore', 'databases', 'describe', '--database=(default)', at),
      run: [
        gcloud('firestore', 'databases', 'create', `--location=${o.firestoreLocation}`, '--type=firestore-native', at),
      ],
    },
    {
      id: 'firestore-recovery',
      title: 'Point-in-time recovery and delete protection on Firestore (recordingKeys is the only copy of every key)',
      run: [
        gcloud('firestore', 'databases', 'update', '--database=(default)', '--enable-pitr', '--delete-protection', at),
      ],
    },
    {
      id: 'firestore-backups',
      title: 'Daily (7 days) and weekly (14 weeks) Firestore backups (skipped when schedules exist)',
      probe: gcloud('firestore', 'backups', 'schedules', 'list', '--database=(default)', '--format=value(name)', at),
      probeNeedsOutput: true,
      run: [
        gcloud(
          'firestore',
          'backups',
          'schedules',
          'create',
          '--database=(default)',
          '--recurrence=daily',
          '--retention=7d',
          at,
        ),
        gcloud(
          'firestore',
          'backups',
          'schedules',
          'create',
          '--database=(default)',
          '--recurrence=weekly',
          '--day-of-week=SUN',
          '--retention=14w',
          at,
        ),
      ],
    },
    ...(o.deployer
      ? [
          {
            id: 'deployer',
            title: `Give the CI deployer ${o.deployer} the deploy roles and use of the runtime account`,
            run: [
              ...DEPLOYER_ROLES.map((role) => projectBinding(`serviceAccount:${o.deployer}`, role)),
              runtimeAccountBinding(`serviceAccount:${o.deployer}`, 'roles/iam.serviceAccountUser'),
            ],
          },
        ]
      : []),
  ];
}

/** What no script here can do; printed at the end of every run (docs/production.md). */
export function manualSteps(o) {
  return [
    `LiveKit: firebase functions:secrets:set LIVEKIT_API_SECRET --project=${o.projectId} (the API secret of LIVEKIT_API_KEY), and the webhook URL in LiveKit (docs/production.md §9)`,
    `Auth: enable the Email/Password provider and add the Hosting domain to the authorized domains (console); MFA (TOTP) needs Identity Platform`,
    `Mail: install the Trigger Email extension on the mail collection (docs/production.md §13): firebase ext:install firebase/firestore-send-email --project=${o.projectId}`,
    `Web app: hosting/.env.production (VITE_FIREBASE_*), then npm run headers -- --project ${o.projectId}`,
    `Then: npm run preflight -- --project ${o.projectId}; firebase deploy --project ${o.projectId} --non-interactive`,
  ];
}

// Shell-quoted for reading and pasting; a trailing "# …" element is a comment.
const quote = (arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`);
export const commandLine = (argv) => argv.map((arg) => (arg.startsWith('#') ? arg : quote(arg))).join(' ');

/** Runs one command (argv, optional stdin) in the repository: { ok, stdout, stderr }. */
export function spawnCommand(argv, { input, cwd } = {}) {
  const result = spawnSync(argv[0], argv.slice(1), {
    cwd,
    input,
    encoding: 'utf8',
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  return { ok: result.status === 0, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

function exec(ctx, argv, { input, quiet = false } = {}) {
  const result = ctx.command(argv, { input, cwd: ctx.root });
  if (!quiet && result.stdout) ctx.log(indent(result.stdout));
  return result;
}
const indent = (text) => text.trimEnd().replace(/^/gm, '    ');

function setSecret(ctx, name, value) {
  const argv = firebase('functions:secrets:set', name, '--data-file=-', `--project=${ctx.projectId}`, '--force');
  ctx.log(`  $ ${commandLine(argv)}   # value on stdin, not printed`);
  const result = exec(ctx, argv, { input: value, quiet: true });
  if (!result.ok) throw new Error(`${name}: ${redact(result.stderr, value)}`);
}

function createHmacKey(ctx, egressSa) {
  const argv = gcloud('storage', 'hmac', 'create', egressSa, '--format=json', `--project=${ctx.projectId}`);
  ctx.log(`  $ ${commandLine(argv)}   # output kept in memory, not printed`);
  const result = exec(ctx, argv, { quiet: true });
  if (!result.ok)
    throw new Error(
      `HMAC key creation failed (an organisation policy may forbid it: docs/production.md, "Egress credentials"): ${result.stderr.trim()}`,
    );
  const created = JSON.parse(result.stdout);
  const accessId = created.metadata?.accessId ?? created.accessId;
  const secret = created.secret;
  if (!accessId || !secret) throw new Error('gcloud storage hmac create answered without an access id and a secret');
  setSecret(ctx, 'EGRESS_HMAC_SECRET', secret);
  const envFile = path.join(ctx.root, 'functions', `.env.${ctx.projectId}`);
  const text = existsSync(envFile) ? readFileSync(envFile, 'utf8') : '';
  const line = `EGRESS_HMAC_ACCESS_ID=${accessId}`;
  const next =
    'EGRESS_HMAC_ACCESS_ID' in parseDotenv(text)
      ? text.replace(/^EGRESS_HMAC_ACCESS_ID=.*$/m, line)
      : `${text}${text && !text.endsWith('\n') ? '\n' : ''}${line}\n`;
  writeFileSync(envFile, next);
  ctx.log(`  wrote EGRESS_HMAC_ACCESS_ID into functions/.env.${ctx.projectId} (the access id is not a secret)`);
}

const redact = (text, secret) => text.split(secret).join('<redacted>').trim();

/**
 * Runs (or, dry, prints) the plan. Returns the number of steps that failed. `command` runs one
 * command (spawnCommand; the unit test passes a stand-in for gcloud and firebase that keeps state).
 */
export function bootstrap(o, { log = console.log, command = spawnCommand } = {}) {
  const ctx = { ...o, log, command };
  log(
    `bootstrap for ${o.projectId}: region ${o.region}, ingest gs://${o.ingestBucket}, main gs://${o.mainBucket}${o.dryRun ? ' — dry run: commands printed, none run' : ''}`,
  );
  if (!o.projectNumber) {
    const argv = gcloud('projects', 'describe', o.projectId, '--format=value(projectNumber)');
    log(`  $ ${commandLine(argv)}${o.dryRun ? '   # gives <PROJECT_NUMBER>' : ''}`);
    if (!o.dryRun) {
      const result = exec(ctx, argv, { quiet: true });
      if (!result.ok) {
        log(
          `  ✗ cannot read the project: ${result.stderr.trim()} (gcloud auth login; the project must exist, on Blaze)`,
        );
        return 1;
      }
      o = { ...o, projectNumber: result.stdout.trim() };
      Object.assign(ctx, o);
    }
  }
  const steps = plan(o);
  let failed = 0;
  steps.forEach((step, i) => {
    log(`\n[${i + 1}/${steps.length}] ${step.id}: ${step.title}`);
    if (o.dryRun) {
      if (step.probe)
        log(
          `  probe: $ ${commandLine(step.probe)}   # the step is skipped when this ${step.probeNeedsOutput ? 'lists something' : 'succeeds'}`,
        );
      for (const argv of step.show ?? step.run ?? [])
        log(argv[0].startsWith('#') ? `    ${argv[0]}` : `  $ ${commandLine(argv)}`);
      for (const argv of step.after ?? []) log(`  $ ${commandLine(argv)}`);
      return;
    }
    try {
      if (step.probe) {
        const probe = exec(ctx, step.probe, { quiet: true });
        const present = probe.ok && (!step.probeNeedsOutput || probe.stdout.trim() !== '');
        if (present) {
          log('  ✓ already there, skipped');
          for (const argv of step.after ?? []) run(ctx, argv);
          return;
        }
        if (step.missing) throw new Error(step.missing);
      }
      if (step.custom) step.custom(ctx);
      for (const argv of step.run ?? []) run(ctx, argv);
      for (const argv of step.after ?? []) run(ctx, argv);
      log('  ✓ done');
    } catch (error) {
      failed += 1;
      log(`  ✗ ${error.message}`);
    }
  });
  log('\nWhat bootstrap cannot do (then npm run preflight checks the files):');
  for (const line of manualSteps(o)) log(`  - ${line}`);
  if (o.dryRun) log('\nbootstrap: dry run, nothing was run.');
  else
    log(
      failed
        ? `\n${failed} step(s) failed: fix them and run bootstrap again (it skips what is done).`
        : '\nbootstrap: every step done.',
    );
  return failed;
}

function run(ctx, argv) {
  ctx.log(`  $ ${commandLine(argv)}`);
  const result = exec(ctx, argv);
  if (!result.ok)
    throw new Error(`${argv.slice(0, 4).join(' ')} …: ${result.stderr.trim().split('\n').slice(-3).join(' ')}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const args = process.argv.slice(2);
    const at = args.indexOf('--root');
    const root = at >= 0 ? path.resolve(args[at + 1]) : repoRoot;
    process.exit(bootstrap(resolveOptions(args, { root })) ? 1 : 0);
  } catch (error) {
    console.error(`bootstrap: ${error.message}`);
    process.exit(2);
  }
}
