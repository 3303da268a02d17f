/** Argument parsing shared by the commands: node:util parseArgs with es-MX/English usage errors. */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { AutofacturaError } from '../../core/src/errors.js';

export function usageError(message: string, messageEn: string): AutofacturaError {
  return new AutofacturaError({ code: 'CLI_USAGE', message, messageEn, status: 2 });
}

export function parse(args: string[], options: ParseArgsConfig['options'] = {}) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw usageError(`Argumentos inválidos: ${detail}`, `Invalid arguments: ${detail}`);
  }
}

/** The single FILE positional a command needs. */
export function onePositional(positionals: string[], what: string, whatEn: string): string {
  if (positionals.length !== 1) {
    throw usageError(`Indica exactamente un ${what}.`, `Give exactly one ${whatEn}.`);
  }
  return positionals[0]!;
}
