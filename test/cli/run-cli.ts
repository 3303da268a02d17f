/** Runs the real `autofactura` bin in a child process, as a user would. */
import { execFile } from 'node:child_process';
import { EKU } from '../support/oracles.js';

const BIN = new URL('../../scripts/autofactura.js', import.meta.url).pathname;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Every stderr line is `CODE message`: no stack trace, no blank noise. */
export function codedLines(stderr: string): { code: string; message: string }[] {
  return stderr
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const space = line.indexOf(' ');
      return { code: line.slice(0, space), message: line.slice(space + 1) };
    });
}

/** `autofactura merchant create` for SAT's test CSD EKU9003173C9 (régimen 601, CP 42501), as JSON. */
export const EKU_MERCHANT_CREATE = [
  'merchant',
  'create',
  '--cer',
  EKU.cer,
  '--key',
  EKU.key,
  '--password',
  EKU.password,
  '--regime',
  '601',
  '--zip',
  '42501',
  '--json',
];
