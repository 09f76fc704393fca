// The API's wire shapes as the web app imports them. The schemas live beside the handlers
// (functions/src/api/wire-schemas.ts), which type their replies with them, so the shapes the
// server sends and the ones this app accepts cannot drift. This module is the one place that
// names that path; a re-export rather than a path alias, so tsc, Vite and the mocha tests
// (tsx, run from the repository root) all resolve it the same way. It also sets zod's jitless mode.
import { z } from 'zod/mini';

// zod compiles object parsers with `new Function` unless told not to; the CSP (firebase.json)
// allows no eval, so the web app parses without it. Set here, where every schema is imported from,
// so it is in force before the first parse.
z.config({ jitless: true });

export * from '../../../functions/src/api/wire-schemas';
