-- Outbound webhooks (issue #5): the merchant's endpoints (signing secret encrypted, dispatch cursor over
-- events.seq) and the log of delivery attempts.
CREATE TABLE webhook_endpoints (
  id TEXT PRIMARY KEY,
  pos BIGSERIAL NOT NULL,
  merchant_id TEXT NOT NULL,
  cursor_seq BIGINT NOT NULL,
  deleted_at TIMESTAMPTZ,
  data JSONB NOT NULL
);
CREATE INDEX webhook_endpoints_merchant ON webhook_endpoints (merchant_id, pos);
CREATE INDEX webhook_endpoints_active ON webhook_endpoints (pos) WHERE deleted_at IS NULL;

CREATE TABLE webhook_attempts (
  id TEXT PRIMARY KEY,
  pos BIGSERIAL NOT NULL,
  merchant_id TEXT NOT NULL,
  endpoint_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('delivered', 'retrying', 'failed')),
  replay BOOLEAN NOT NULL,
  data JSONB NOT NULL
);
CREATE INDEX webhook_attempts_merchant ON webhook_attempts (merchant_id, pos);
CREATE INDEX webhook_attempts_endpoint_event ON webhook_attempts (merchant_id, endpoint_id, event_id);
