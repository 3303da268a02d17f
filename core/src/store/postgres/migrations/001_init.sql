-- autofactura PostgreSQL schema, version 1.
-- Each record is kept whole in `data` (JSONB, exactly as the port gave it: decimal strings stay strings,
-- ISO times stay the same strings); the columns beside it exist to be queried, ordered or made unique.
-- `pos` (BIGSERIAL) is insertion order: list order and the pagination cursor.
-- `updated_at` is TEXT on purpose: it is the compare-and-set token and is compared as the exact string.

CREATE TABLE merchants (
  id TEXT PRIMARY KEY,
  pos BIGSERIAL NOT NULL,
  rfc TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  data JSONB NOT NULL
);

-- One row per API key of a merchant (kept in step with merchants.data.apiKeys); prefixes are unique
-- across merchants so authentication finds exactly one.
CREATE TABLE api_keys (
  prefix TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
  key_id TEXT NOT NULL,
  revoked BOOLEAN NOT NULL
);
CREATE INDEX api_keys_merchant ON api_keys (merchant_id);

CREATE TABLE customers (
  id TEXT PRIMARY KEY,
  pos BIGSERIAL NOT NULL,
  merchant_id TEXT NOT NULL,
  email_lower TEXT,
  rfc TEXT,
  source_ids JSONB NOT NULL,
  updated_at TEXT NOT NULL,
  data JSONB NOT NULL
);
CREATE INDEX customers_merchant_pos ON customers (merchant_id, pos);
CREATE INDEX customers_email ON customers (merchant_id, email_lower);
CREATE INDEX customers_rfc ON customers (merchant_id, rfc);
CREATE INDEX customers_source_ids ON customers USING GIN (source_ids jsonb_path_ops);

CREATE TABLE payments (
  id TEXT PRIMARY KEY,
  pos BIGSERIAL NOT NULL,
  merchant_id TEXT NOT NULL,
  source TEXT NOT NULL,
  external_id TEXT NOT NULL,
  status TEXT NOT NULL,
  customer_id TEXT,
  invoice_id TEXT,
  amount NUMERIC NOT NULL,
  currency TEXT NOT NULL,
  paid_at TIMESTAMPTZ NOT NULL,
  updated_at TEXT NOT NULL,
  data JSONB NOT NULL,
  CONSTRAINT payments_source_external_id UNIQUE (merchant_id, source, external_id)
);
CREATE INDEX payments_merchant_pos ON payments (merchant_id, pos);
CREATE INDEX payments_merchant_paid_at ON payments (merchant_id, paid_at);
CREATE INDEX payments_merchant_status ON payments (merchant_id, status);
CREATE INDEX payments_merchant_customer ON payments (merchant_id, customer_id);

CREATE TABLE receipts (
  id TEXT PRIMARY KEY,
  pos BIGSERIAL NOT NULL,
  merchant_id TEXT NOT NULL,
  payment_id TEXT NOT NULL,
  customer_id TEXT,
  status TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  paid_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  updated_at TEXT NOT NULL,
  data JSONB NOT NULL,
  CONSTRAINT receipts_token_hash UNIQUE (token_hash)
);
CREATE INDEX receipts_merchant_pos ON receipts (merchant_id, pos);
CREATE INDEX receipts_merchant_payment ON receipts (merchant_id, payment_id);
CREATE INDEX receipts_merchant_status_expires ON receipts (merchant_id, status, expires_at);

CREATE TABLE invoices (
  id TEXT PRIMARY KEY,
  pos BIGSERIAL NOT NULL,
  merchant_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  type TEXT NOT NULL,
  series TEXT NOT NULL,
  folio INTEGER NOT NULL,
  uuid TEXT,
  status TEXT NOT NULL,
  customer_id TEXT,
  payment_ids TEXT[] NOT NULL,
  total NUMERIC NOT NULL,
  currency TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TEXT NOT NULL,
  data JSONB NOT NULL,
  CONSTRAINT invoices_series_folio UNIQUE (merchant_id, series, folio),
  CONSTRAINT invoices_uuid UNIQUE (merchant_id, uuid)
);
CREATE INDEX invoices_merchant_pos ON invoices (merchant_id, pos);
CREATE INDEX invoices_merchant_created ON invoices (merchant_id, created_at);
CREATE INDEX invoices_payment_ids ON invoices USING GIN (payment_ids);

-- The next folio to hand out per merchant and series.
CREATE TABLE folios (
  merchant_id TEXT NOT NULL,
  series TEXT NOT NULL,
  next INTEGER NOT NULL CHECK (next >= 1),
  PRIMARY KEY (merchant_id, series)
);

-- Durable work. A queue table: every field is a column (claims change them in SQL).
CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  pos BIGSERIAL NOT NULL,
  merchant_id TEXT NOT NULL,
  type TEXT NOT NULL,
  dedupe_key TEXT NOT NULL,
  payload JSONB NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'done', 'dead')),
  attempts INTEGER NOT NULL,
  max_attempts INTEGER NOT NULL,
  run_at TIMESTAMPTZ NOT NULL,
  locked_by TEXT,
  locked_until TIMESTAMPTZ,
  last_error JSONB,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);
-- Enqueueing the same key twice while a job is open yields one job.
CREATE UNIQUE INDEX jobs_open_dedupe ON jobs (merchant_id, dedupe_key) WHERE status IN ('pending', 'running');
CREATE INDEX jobs_pending_run_at ON jobs (run_at) WHERE status = 'pending';
CREATE INDEX jobs_running_locked_until ON jobs (locked_until) WHERE status = 'running';
CREATE INDEX jobs_merchant_pos ON jobs (merchant_id, pos);

CREATE TABLE events (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  merchant_id TEXT NOT NULL,
  payment_id TEXT,
  invoice_id TEXT,
  receipt_id TEXT,
  type TEXT NOT NULL,
  data JSONB NOT NULL,
  at TIMESTAMPTZ NOT NULL
);
CREATE INDEX events_merchant_seq ON events (merchant_id, seq);
CREATE INDEX events_merchant_payment ON events (merchant_id, payment_id, seq);

CREATE TABLE blobs (
  key TEXT PRIMARY KEY,
  content_type TEXT NOT NULL,
  data BYTEA NOT NULL,
  size INTEGER NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
