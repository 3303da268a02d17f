import type { Finding } from './types.js';

/** An error finding. `path` is omitted when undefined so findings compare cleanly in tests. */
export function error(code: string, message: string, messageEn: string, path?: string): Finding {
  return path === undefined
    ? { code, severity: 'error', message, messageEn }
    : { code, severity: 'error', message, messageEn, path };
}

export function warning(code: string, message: string, messageEn: string, path?: string): Finding {
  return path === undefined
    ? { code, severity: 'warning', message, messageEn }
    : { code, severity: 'warning', message, messageEn, path };
}
