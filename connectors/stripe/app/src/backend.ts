/**
 * The autofactura server this app talks to (portal/src/stripe-app): its base URL comes from the
 * manifest's `constants.AUTOFACTURA_URL` (the same URL the content security policy allows). Every call
 * is a JSON POST carrying the Dashboard user's `user_id` and `account_id`, signed with
 * fetchStripeSignature() in the `Stripe-Signature` header; errors come back as
 * `{ error: { code, message } }` in the user's language.
 */
import type { ExtensionContextValue } from '@stripe/ui-extension-sdk/context';
import { host } from './host';

export class BackendError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
    readonly details: { message: string; param?: string }[] = [],
  ) {
    super(message);
  }
}

export interface Backend {
  baseUrl: string;
  post<T>(path: string, body?: Record<string, unknown>): Promise<T>;
}

export function baseUrlOf(context: Pick<ExtensionContextValue, 'environment'>): string {
  const constants = (context.environment.constants ?? {}) as Record<string, unknown>;
  const url = typeof constants.AUTOFACTURA_URL === 'string' ? constants.AUTOFACTURA_URL : '';
  return url.replace(/\/+$/, '');
}

export function createBackend(context: Pick<ExtensionContextValue, 'environment' | 'userContext'>): Backend {
  const baseUrl = baseUrlOf(context);
  const locale = context.userContext.locale || 'es-MX';
  return {
    baseUrl,
    async post<T>(path: string, body: Record<string, unknown> = {}): Promise<T> {
      const signature = await host.fetchStripeSignature();
      const response = await fetch(`${baseUrl}/stripe-app${path}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Stripe-Signature': signature,
          'Accept-Language': locale,
        },
        body: JSON.stringify({
          ...body,
          user_id: context.userContext.id,
          account_id: context.userContext.account.id,
        }),
      });
      const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      if (!response.ok) {
        const error = (json.error ?? {}) as {
          code?: string;
          message?: string;
          param?: string;
          details?: { message: string; param?: string }[];
        };
        const message = error.message ?? `HTTP ${response.status}`;
        // One problem comes as the error itself (with its param); several as `details`.
        const details = error.details ?? (error.param ? [{ message, param: error.param }] : []);
        throw new BackendError(message, error.code ?? 'HTTP_ERROR', response.status, details);
      }
      return json as T;
    },
  };
}
