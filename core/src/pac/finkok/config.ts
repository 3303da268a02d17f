/**
 * Finkok settings: the account's username and password, the service's base URL (Finkok's demo by
 * default; production is https://facturacion.finkok.com), the deadline of each call and how many times a
 * transient failure is retried within it.
 */
import { z } from 'zod';
import { PacError } from '../port.js';

export const FINKOK_DEMO_URL = 'https://demo-facturacion.finkok.com';
export const FINKOK_PRODUCTION_URL = 'https://facturacion.finkok.com';

export const finkokConfigSchema = z.object({
  username: z.string().trim().min(1),
  password: z.string().min(1),
  baseUrl: z.url({ protocol: /^https?$/ }).default(FINKOK_DEMO_URL),
  /** Deadline of each Pac call (all its requests and retries), in milliseconds. */
  timeoutMs: z.number().int().min(50).max(600_000).default(30_000),
  /** Extra attempts after a transient failure (network, 5xx, SOAP fault), within the deadline. */
  retries: z.number().int().min(0).max(5).default(2),
});

export type FinkokConfig = z.input<typeof finkokConfigSchema>;
export type FinkokSettings = z.output<typeof finkokConfigSchema>;

/** Throws PacError PAC_CONFIG_INVALID naming the fields to fix (never their values). */
export function parseFinkokConfig(config: FinkokConfig): FinkokSettings {
  const parsed = finkokConfigSchema.safeParse(config);
  if (parsed.success) return { ...parsed.data, baseUrl: parsed.data.baseUrl.replace(/\/+$/, '') };
  const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || 'config'))];
  throw new PacError({
    pac: 'finkok',
    code: 'PAC_CONFIG_INVALID',
    retriable: false,
    message: `La configuración de Finkok no es válida; revise: ${fields.join(', ')} (usuario, contraseña, URL http(s) y tiempo de espera en ms).`,
    messageEn: `The Finkok settings are not valid; check: ${fields.join(', ')} (username, password, http(s) URL and timeout in ms).`,
  });
}
