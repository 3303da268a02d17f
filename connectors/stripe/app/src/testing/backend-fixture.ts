/**
 * The views are tested against the real autofactura server: the root runner
 * (test/connectors/stripe-app/ui.test.ts) starts it on 127.0.0.1, links accounts and records payments,
 * then runs Jest with these variables. The Dashboard host is the one thing that only exists inside
 * Stripe, so tests stand in for its fetchStripeSignature: the same signature Stripe makes, with the app's
 * secret, over {user_id, account_id}.
 */
import { getMockContextProps } from '@stripe/ui-extension-sdk/testing';
import Stripe from 'stripe';

export interface Fixture {
  url: string;
  secret: string;
  apiKey: string;
  /** A Stripe account linked to the merchant whose payments were recorded. */
  linkedAccount: string;
  /** A Stripe account linked to nobody. */
  strangerAccount: string;
  payments: { invoiced: string; receipt: string; cancel: string };
  customers: { known: string; unknown: string };
}

export function fixture(): Fixture {
  const raw = process.env.AUTOFACTURA_STRIPE_APP_FIXTURE;
  if (!raw) {
    throw new Error(
      'AUTOFACTURA_STRIPE_APP_FIXTURE is not set: run these tests through the root runner ' +
        "(npx mocha test/connectors/stripe-app/ui.test.ts), which starts autofactura's server.",
    );
  }
  return JSON.parse(raw) as Fixture;
}

export function contextFor(
  accountId: string,
  options: { object?: { id: string; object: string }; viewport: string; locale?: string },
) {
  return getMockContextProps({
    userContext: { id: 'usr_UiTester1', locale: options.locale ?? 'es-MX', account: { id: accountId } },
    environment: {
      viewportID: options.viewport,
      ...(options.object ? { objectContext: options.object } : {}),
      constants: { AUTOFACTURA_URL: fixture().url },
    },
  });
}

/** What Stripe's host answers to fetchStripeSignature() for this user and account. */
export function stripeSignature(context: ReturnType<typeof contextFor>): string {
  return Stripe.webhooks.generateTestHeaderString({
    payload: JSON.stringify({ user_id: context.userContext.id, account_id: context.userContext.account.id }),
    secret: fixture().secret,
  });
}

/** Flushes renders until `done()` holds: the view waits on real HTTP calls. */
export async function until(update: () => Promise<void>, done: () => boolean, ms = 30000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error('The view did not reach the expected state in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await update();
  }
}
