// The API's contract (@lecturevault/contract: wire schemas, the lists they carry, every endpoint)
// as the web app imports it. It also sets zod's jitless mode: every module of the app reaches the
// contract through this one, so the setting is in force before the first parse.
import { z } from 'zod/mini';

// zod compiles object parsers with `new Function` unless told not to; the CSP (firebase.json)
// allows no eval, so the web app parses without it.
z.config({ jitless: true });

export * from '@lecturevault/contract';
