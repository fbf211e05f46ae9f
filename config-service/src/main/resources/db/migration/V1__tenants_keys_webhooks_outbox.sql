-- Tenants: one agency each. Every other table names its tenant.
CREATE TABLE tenant (
    id         text PRIMARY KEY,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL
);

-- API keys: only the SHA-256 of the key is kept (the key is shown once).
CREATE TABLE api_key (
    id         text PRIMARY KEY,
    tenant_id  text        NOT NULL REFERENCES tenant (id),
    name       text        NOT NULL,
    hash       text        NOT NULL UNIQUE,
    scopes     text[]      NOT NULL,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz
);
CREATE INDEX api_key_tenant ON api_key (tenant_id);

-- Webhooks: secrets are AES-GCM ciphertexts (see SecretCipher), never plaintext. status: pending_test until a
-- passing Test lets it be activated; enabled: switched off by an administrator or by the dispatcher (failing endpoint).
CREATE TABLE webhook (
    id              text PRIMARY KEY,
    tenant_id       text        NOT NULL REFERENCES tenant (id),
    url             text        NOT NULL,
    description     text        NOT NULL DEFAULT '',
    event_types     text[]      NOT NULL,
    filters         jsonb       NOT NULL,
    settings        jsonb       NOT NULL,
    status          text        NOT NULL CHECK (status IN ('pending_test', 'active')),
    enabled         boolean     NOT NULL,
    disabled_reason text,
    secrets         jsonb       NOT NULL,
    last_test       jsonb,
    version         bigint      NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX webhook_tenant ON webhook (tenant_id, id);

-- Transactional outbox: written in the transaction that changes a row, published and deleted by OutboxRelay.
-- A null payload is a tombstone.
CREATE TABLE outbox (
    id         bigserial PRIMARY KEY,
    topic      text        NOT NULL,
    record_key text        NOT NULL,
    payload    bytea,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
