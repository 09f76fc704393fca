// firestore.rules under test: the rules file loaded into the Firestore emulator for a project of the
// spec's own (specs never see each other's documents), a world of documents written with the rules
// off before each test, and a client SDK as a given user or signed out.
import { initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { doc, setDoc } from 'firebase/firestore';

export type { RulesTestEnvironment };
type RulesClient = ReturnType<ReturnType<RulesTestEnvironment['unauthenticatedContext']>['firestore']>;

export async function rulesEnvironment(projectId: string): Promise<RulesTestEnvironment> {
  const [host, port] = (process.env.FIRESTORE_EMULATOR_HOST ?? '127.0.0.1:8080').split(':');
  return initializeTestEnvironment({
    projectId,
    firestore: {
      rules: readFileSync(path.resolve(__dirname, '../../../firestore.rules'), 'utf8'),
      host,
      port: Number(port),
    },
  });
}

/** Empties the project and writes `world` (path → fields) past the rules. */
export async function seedWorld(
  env: RulesTestEnvironment,
  world: Record<string, Record<string, unknown>>,
): Promise<void> {
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (ctx) => {
    for (const [p, data] of Object.entries(world)) await setDoc(doc(ctx.firestore(), p), data);
  });
}

/** A client SDK signed in as `uid` (the rules see request.auth.uid), or signed out. */
export function clientAs(env: RulesTestEnvironment, uid: string | 'signed out'): RulesClient {
  return (uid === 'signed out' ? env.unauthenticatedContext() : env.authenticatedContext(uid)).firestore();
}
