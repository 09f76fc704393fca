// The library of a semester: a student who may watch 500 recordings (three meetings of batch A,
// generated documents) pages through it, searches it and filters it. Per request: Firestore reads
// (counted by the cost meter on the Admin SDK) and latency, p50/p95 over every page. Baseline in the
// same run: GET /api/recordings, which reads the whole library for every view. The API is our real
// router served in-process; Auth and Firestore are the emulators (node bench/run.mjs library).
import { getFunctions } from 'firebase-admin/functions';
import { useServerParams } from '../functions/test/kit/server-params';
import { adminApp, bucket, db, resetWorld } from '../functions/test/kit/emulators';
import { tokensFor } from '../functions/test/kit/api';
import { seedLibrary } from '../functions/test/kit/library';
import { installMeter } from './cost-meter';
import { fixed, percentile, table } from './stats';
import { serveApi } from './serve-api';

const RECORDINGS = 512; // 11 of them incomplete stubs the student never sees: 501 visible
const PAGE = 20;
const meter = installMeter({ db: db(), bucket: bucket(), functions: getFunctions(adminApp()) });

interface Sample {
  ms: number;
  reads: number;
  rows: number;
}

async function main(): Promise<void> {
  useServerParams(); // the API runs in this process
  await meter.quietly(resetWorld);
  await meter.quietly(() => seedLibrary(RECORDINGS));
  const { student1 } = await meter.quietly(() => tokensFor('student1'));
  const server = await serveApi();
  const get = async (path: string): Promise<Sample & { body: { recordings: unknown[]; next?: string | null } }> => {
    meter.take();
    const start = performance.now();
    const res = await fetch(`${server.base}${path}`, { headers: { authorization: `Bearer ${student1}` } });
    const body = (await res.json()) as { recordings: unknown[]; next?: string | null };
    const ms = performance.now() - start;
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(body)}`);
    return { ms, reads: meter.take().reads, rows: body.recordings.length, body };
  };
  try {
    await get(`/library?limit=${PAGE}`); // warm-up (token verification keys, first connections)
    const pages: Sample[] = [];
    let after: string | null | undefined = null;
    do {
      const page = await get(`/library?limit=${PAGE}${after ? `&after=${after}` : ''}`);
      pages.push(page);
      after = page.body.next;
    } while (after);
    const searches: Sample[] = [];
    for (const q of ['arrhythm', 'house', 'valve grey', 'week 3', 'cardiac'])
      searches.push(await get(`/library?limit=${PAGE}&q=${encodeURIComponent(q)}`));
    const filtered = await get(`/library?limit=${PAGE}&meetingId=meeting-lib-pharma&sort=oldest`);
    const whole: Sample[] = [];
    for (let i = 0; i < 5; i++) whole.push(await get('/recordings'));

    const summary = (label: string, samples: Sample[]) => [
      label,
      String(samples.length),
      fixed(samples.reduce((a, s) => a + s.rows, 0) / samples.length, 1),
      fixed(
        percentile(
          samples.map((s) => s.reads),
          50,
        ),
        0,
      ),
      String(Math.max(...samples.map((s) => s.reads))),
      fixed(
        percentile(
          samples.map((s) => s.ms),
          50,
        ),
        0,
      ),
      fixed(
        percentile(
          samples.map((s) => s.ms),
          95,
        ),
        0,
      ),
    ];
    const visible = pages.reduce((a, s) => a + s.rows, 0);
    console.log(
      `\nLibrary of ${visible} visible recordings (${RECORDINGS} generated), pages of ${PAGE} (node ${process.version})`,
    );
    console.log(
      table([
        ['request', 'n', 'rows', 'reads p50', 'reads max', 'ms p50', 'ms p95'],
        summary('GET /api/library, every page', pages),
        summary('… searches (5 queries)', searches),
        summary('… a meeting, oldest first', [filtered]),
        summary('baseline: GET /api/recordings', whole),
      ]),
    );
    const pageReads = percentile(
      pages.map((s) => s.reads),
      50,
    );
    const wholeReads = percentile(
      whole.map((s) => s.reads),
      50,
    );
    console.log(
      `\nReads per page ${fixed(pageReads, 0)} vs ${fixed(wholeReads, 0)} for the whole list: ${fixed(wholeReads / pageReads, 1)}× fewer; ` +
        `goal reads per page ≤ 3 × page size (${3 * PAGE}): ${pageReads <= 3 * PAGE ? 'PASS' : 'BELOW GOAL'}; ` +
        `p95 ≤ 500 ms on the emulators: ${
          percentile(
            pages.map((s) => s.ms),
            95,
          ) <= 500
            ? 'PASS'
            : 'BELOW GOAL'
        }.`,
    );
  } finally {
    await server.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
