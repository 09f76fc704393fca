// `npm run admin-mfa -- <command> --project <id> [--email <address>]`: the admin second-factor
// steps that only the Admin SDK can take (docs/admin-mfa.md). Runs with Application Default
// Credentials (`gcloud auth application-default login`) of someone allowed to administer
// Firebase Auth; against the Auth emulator when FIREBASE_AUTH_EMULATOR_HOST is set.
//   enable-totp   turn TOTP second factors on for the project (needs Identity Platform)
//   status        an account's email verification and enrolled second factors
//   verify-email  mark an account's email verified (Firebase refuses MFA enrolment otherwise)
//   remove        remove every second factor of an account (a lost phone) and end its sessions
import { initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { parseArgs } from 'node:util';

const COMMANDS = ['enable-totp', 'status', 'verify-email', 'remove'];

/** The project config that turns TOTP on; clock skew of ±5 codes (30 s each), Firebase's default. */
const TOTP_PROJECT_CONFIG = {
  multiFactorConfig: {
    state: 'ENABLED',
    providerConfigs: [{ state: 'ENABLED', totpProviderConfig: { adjacentIntervals: 5 } }],
  },
};

/** An email shown with its local part masked, as everywhere else in our output. */
function masked(email) {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

function describeFactor(factor) {
  const name = factor.displayName ? `"${factor.displayName}" ` : '';
  return `${name}${factor.factorId}, enrolled ${factor.enrollmentTime}`;
}

async function main() {
  const { values, positionals } = parseArgs({
    options: { project: { type: 'string' }, email: { type: 'string' } },
    allowPositionals: true,
  });
  const [command] = positionals;
  if (!COMMANDS.includes(command ?? '') || !values.project) {
    throw new Error(`usage: npm run admin-mfa -- <${COMMANDS.join('|')}> --project <id> [--email <address>]`);
  }
  const auth = getAuth(initializeApp({ projectId: values.project }));

  if (command === 'enable-totp') {
    const config = await auth.projectConfigManager().updateProjectConfig(TOTP_PROJECT_CONFIG);
    console.log(`TOTP second factors: ${JSON.stringify(config.multiFactorConfig ?? {})}`);
    return;
  }
  if (!values.email) throw new Error(`${command} needs --email <address>`);
  const user = await auth.getUserByEmail(values.email);
  const who = `${masked(values.email)} (${user.uid})`;
  if (command === 'status') {
    const factors = user.multiFactor?.enrolledFactors ?? [];
    console.log(
      `${who}: email ${user.emailVerified ? 'verified' : 'NOT verified'}; ${factors.length} second factor(s)`,
    );
    for (const factor of factors) console.log(`  - ${describeFactor(factor)}`);
  } else if (command === 'verify-email') {
    await auth.updateUser(user.uid, { emailVerified: true });
    console.log(`${who}: email marked verified; they can now add an authenticator app in Security.`);
  } else {
    const factors = user.multiFactor?.enrolledFactors ?? [];
    await auth.updateUser(user.uid, { multiFactor: { enrolledFactors: null } });
    // A stolen phone may still hold a signed-in session: end them all.
    await auth.revokeRefreshTokens(user.uid);
    console.log(`${who}: removed ${factors.length} second factor(s) and ended their sessions.`);
    console.log('They sign in with their password only, then add a new authenticator app in Security.');
  }
}

main().catch((error) => {
  console.error(`admin-mfa: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
