-- Merchant dashboard (issue #5): users, server-side sessions and failed-login counters.
-- Users are global (an email is unique across merchants: it is the login); merchant_id is NULL between
-- sign-up and the CSD upload of onboarding. Sessions are keyed by the sha256 of their token.

CREATE TABLE dashboard_users (
  id TEXT PRIMARY KEY,
  pos BIGSERIAL NOT NULL,
  email_lower TEXT NOT NULL UNIQUE,
  merchant_id TEXT,
  data JSONB NOT NULL
);
CREATE INDEX dashboard_users_merchant ON dashboard_users (merchant_id, pos);

CREATE TABLE dashboard_sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  data JSONB NOT NULL
);
CREATE INDEX dashboard_sessions_user ON dashboard_sessions (user_id);
CREATE INDEX dashboard_sessions_expires ON dashboard_sessions (expires_at);

CREATE TABLE login_failures (
  id BIGSERIAL PRIMARY KEY,
  key TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX login_failures_key_at ON login_failures (key, at);
CREATE INDEX login_failures_at ON login_failures (at);
