/**
 * `npm run bench -- <name> [options]`: benchmarks of autofactura's hot paths. Figures go to stdout;
 * nothing here is a test.
 */
import { benchHttp } from './http.js';
import { benchPipeline } from './pipeline.js';
import { benchSeal } from './seal.js';
import { benchStamp } from './stamp.js';

const BENCHES: Record<string, (args: string[]) => Promise<void>> = {
  http: benchHttp,
  pipeline: benchPipeline,
  seal: benchSeal,
  stamp: benchStamp,
};

const [name = 'seal', ...rest] = process.argv.slice(2);
const bench = BENCHES[name];
if (!bench) {
  process.stderr.write(`Unknown benchmark "${name}". Available: ${Object.keys(BENCHES).join(', ')}\n`);
  process.exitCode = 2;
} else {
  await bench(rest);
}
