// The API's wire shapes as the web app imports them. The schemas live beside the handlers
// (functions/src/api/wire-schemas.ts), which type their replies with them, so the shapes the
// server sends and the ones this app accepts cannot drift. This module is the one place that
// names that path; a re-export rather than a path alias, so tsc, Vite and the mocha tests
// (tsx, run from the repository root) all resolve it the same way.
export * from '../../../functions/src/api/wire-schemas';
