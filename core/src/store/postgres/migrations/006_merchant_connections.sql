-- A Stripe Connect account's events are routed to the merchant that connected it
-- (merchants.data -> 'connections' ->> 'stripe.account'); an account belongs to one merchant.
CREATE UNIQUE INDEX merchants_stripe_account ON merchants ((data -> 'connections' ->> 'stripe.account'))
  WHERE data -> 'connections' ->> 'stripe.account' IS NOT NULL;
