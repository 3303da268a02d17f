/**
 * `npm run bench -- <name> [options]`: benchmarks of autofactura's hot paths. Figures go to stdout;
 * nothing here is a test.
 */
type Bench = (args: string[]) => Promise<void>;

// Each benchmark is loaded only when chosen: `seal` does not pay for (or depend on) the HTTP server.
const BENCHES: Record<string, () => Promise<Bench>> = {
  global: async () => (await import('./global.js')).benchGlobal,
  http: async () => (await import('./http.js')).benchHttp,
  pipeline: async () => (await import('./pipeline.js')).benchPipeline,
  reports: async () => (await import('./reports.js')).benchReports,
  seal: async () => (await import('./seal.js')).benchSeal,
  stamp: async () => (await import('./stamp.js')).benchStamp,
};

const [name = 'seal', ...rest] = process.argv.slice(2);
const load = BENCHES[name];
if (!load) {
  process.stderr.write(`Unknown benchmark "${name}". Available: ${Object.keys(BENCHES).join(', ')}\n`);
  process.exitCode = 2;
} else {
  await (await load())(rest);
}
