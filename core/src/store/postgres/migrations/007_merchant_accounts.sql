-- A merchant's account ids at outside systems (merchants.data -> 'connections', names ending in
-- ".account": a Stripe account for webhooks, the Stripe App's account) mirrored here as api_keys mirrors
-- API keys, so each (name, account) belongs to one merchant whatever the name; replaces 006's index,
-- which covered stripe.account only.
CREATE TABLE merchant_accounts (
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  merchant_id TEXT NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
  PRIMARY KEY (name, value)
);
CREATE INDEX merchant_accounts_merchant ON merchant_accounts (merchant_id);
INSERT INTO merchant_accounts (name, value, merchant_id)
  SELECT c.key, c.value, m.id FROM merchants m, jsonb_each_text(m.data -> 'connections') c
  WHERE c.key LIKE '%.account';
DROP INDEX merchants_stripe_account;
