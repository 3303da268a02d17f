/**
 * The Stripe API client for a merchant's API key: the official SDK, its host configurable so tests (and
 * a proxy) point it elsewhere — STRIPE_API_URL, e.g. http://127.0.0.1:12111 (stripe-mock is not
 * installable here; tests run a local fake).
 */
import Stripe from 'stripe';

export interface StripeApiLocation {
  host: string;
  port: number;
  protocol: 'http' | 'https';
}

/** STRIPE_API_URL -> where the SDK connects; undefined for api.stripe.com. */
export function apiLocation(url: string | undefined): StripeApiLocation | undefined {
  if (!url) return undefined;
  const parsed = new URL(url);
  const protocol = parsed.protocol === 'http:' ? 'http' : 'https';
  return { host: parsed.hostname, port: Number(parsed.port || (protocol === 'http' ? 80 : 443)), protocol };
}

export function stripeClient(apiKey: string, location?: StripeApiLocation): Stripe {
  return new Stripe(apiKey, { ...location, maxNetworkRetries: 1, timeout: 20_000 });
}
