/** Runs SAT's XSLT with xsltproc (test oracle only; product code never runs an XSLT engine). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function xsltproc(stylesheet: string, xml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cadena-oracle-'));
  try {
    const file = join(dir, 'input.xml');
    writeFileSync(file, xml);
    // stderr carries xsltproc's "only 1.1 features are supported" notices for SAT's version="2.0" sheets.
    return execFileSync('xsltproc', [stylesheet, file], { stdio: ['ignore', 'pipe', 'ignore'] }).toString(
      'utf8',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
