/**
 * SW Sapien settings: a user and password (a token is requested and kept until it expires) or a
 * long-lived token from SW's portal, the services' base URL (SW's test services by default; production
 * is https://services.sw.com.mx), the deadline of each call and the retries of transient failures.
 */
import { z } from 'zod';
import { PacError } from '../port.js';

export const SW_TEST_URL = 'https://services.test.sw.com.mx';
export const SW_PRODUCTION_URL = 'https://services.sw.com.mx';

export const swConfigSchema = z
  .object({
    user: z.string().trim().min(1).optional(),
    password: z.string().min(1).optional(),
    /** A long-lived token from SW's portal; when set, user and password are not used. */
    token: z.string().trim().min(1).optional(),
    baseUrl: z.url({ protocol: /^https?$/ }).default(SW_TEST_URL),
    /** Deadline of each Pac call (authentication, requests and retries), in milliseconds. */
    timeoutMs: z.number().int().min(50).max(600_000).default(30_000),
    /** Extra attempts after a transient failure (network, 5xx), within the deadline. */
    retries: z.number().int().min(0).max(5).default(2),
  })
  .refine((c) => c.token !== undefined || (c.user !== undefined && c.password !== undefined), {
    message: 'token, or user and password',
    path: ['token'],
  });

export type SwConfig = z.input<typeof swConfigSchema>;
export type SwSettings = z.output<typeof swConfigSchema>;

/** Throws PacError PAC_CONFIG_INVALID naming the fields to fix (never their values). */
export function parseSwConfig(config: SwConfig): SwSettings {
  const parsed = swConfigSchema.safeParse(config);
  if (parsed.success) return { ...parsed.data, baseUrl: parsed.data.baseUrl.replace(/\/+$/, '') };
  const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || 'config'))];
  throw new PacError({
    pac: 'sw',
    code: 'PAC_CONFIG_INVALID',
    retriable: false,
    message: `La configuración de SW Sapien no es válida; revise: ${fields.join(', ')} (usuario y contraseña o token, URL http(s) y tiempo de espera en ms).`,
    messageEn: `The SW Sapien settings are not valid; check: ${fields.join(', ')} (user and password or a token, http(s) URL and timeout in ms).`,
  });
}

/** What must never appear in a message: the password and the portal token. */
export function swSecrets(settings: SwSettings): string[] {
  return [settings.password, settings.token].filter((s): s is string => s !== undefined);
}
