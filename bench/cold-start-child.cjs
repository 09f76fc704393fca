// One cold `api` instance for bench/cold-start.ts: loads the built functions (functions/lib) the
// way the Functions runtime does, serves the `api` export on loopback, and reports to its parent
// (over IPC) how long the import took and which packages it loaded, then again after each answer.
const t0 = performance.now(); // ms since this process started (performance.timeOrigin)
const path = require('node:path');
const lib = path.resolve(__dirname, '../functions/lib/index.js');

function packages() {
  const counts = {};
  for (const file of Object.keys(require.cache)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file.split(path.sep).join('/'));
    const name = m ? m[1] : file.includes('/functions/lib/') ? '(our code)' : '(other)';
    counts[name] = (counts[name] || 0) + 1;
  }
  return counts;
}

const { api } = require(lib);
const importedAt = performance.now();
const atImport = packages(); // before express, which the Functions runtime brings itself
const express = require('express');
const app = express();
// The Functions runtime hands the handler an express request with rawBody; JSON bodies parsed.
app.use(express.json());
app.use((req, res) => api(req, res));
const server = app.listen(0, '127.0.0.1', () => {
  process.send({
    kind: 'ready',
    startMs: t0,
    importMs: importedAt - t0,
    readyMs: performance.now(),
    port: server.address().port,
    packages: atImport,
    listening: packages(),
  });
});
process.on('message', (m) => {
  if (m === 'packages') process.send({ kind: 'packages', packages: packages() });
  if (m === 'exit') server.close(() => process.exit(0));
});
