-- Vendors, their configuration versions and keys; agencies' accounts with vendors; vendor sessions and what vendors
-- posted in them. Session data (vendor_session and session_result) is deleted by SessionPurge at the session's
-- expires_at, which lies a safety margin before created_at + 7 days (docs/adr/0017-vendor-session-lifetime.md).

CREATE TABLE vendor (
    id             text PRIMARY KEY,
    name           text        NOT NULL,
    description    text,
    capabilities   jsonb       NOT NULL,
    latest_version integer     NOT NULL,
    created_at     timestamptz NOT NULL
);

-- Every configuration a vendor published; accounts name the version they applied.
CREATE TABLE vendor_config (
    vendor_id  text        NOT NULL REFERENCES vendor (id) ON DELETE CASCADE,
    version    integer     NOT NULL,
    body       jsonb       NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (vendor_id, version)
);

-- Vendor API keys (scope vendor): only the SHA-256 is kept, as config-service does for tenants' keys (ADR 0004).
CREATE TABLE vendor_key (
    id         text PRIMARY KEY,
    vendor_id  text        NOT NULL REFERENCES vendor (id) ON DELETE CASCADE,
    hash       text        NOT NULL UNIQUE,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz
);

-- An agency (tenant) connected to a vendor; 'connecting' while config-service creates the Marketplace action.
CREATE TABLE account (
    id             text PRIMARY KEY,
    tenant_id      text        NOT NULL,
    vendor_id      text        NOT NULL REFERENCES vendor (id),
    action_id      text,
    state          text        NOT NULL CHECK (state IN ('connecting', 'connected')),
    config_version integer     NOT NULL,
    adjustments    jsonb       NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    UNIQUE (tenant_id, vendor_id)
);

CREATE TABLE vendor_session (
    id            text PRIMARY KEY,
    invocation_id text        NOT NULL UNIQUE,
    tenant_id     text        NOT NULL,
    vendor_id     text        NOT NULL,
    action_id     text        NOT NULL,
    records       jsonb       NOT NULL,
    context       jsonb,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL
);
CREATE INDEX vendor_session_expiry ON vendor_session (expires_at);
CREATE INDEX vendor_session_tenant ON vendor_session (tenant_id, created_at DESC, id DESC);

-- Status updates and results a vendor posted; deleted with their session (ON DELETE CASCADE).
CREATE TABLE session_result (
    id          text PRIMARY KEY,
    session_id  text        NOT NULL REFERENCES vendor_session (id) ON DELETE CASCADE,
    event_id    text        NOT NULL,
    status      text        NOT NULL,
    record      jsonb,
    result      jsonb,
    received_at timestamptz NOT NULL
);
CREATE INDEX session_result_session ON session_result (session_id, received_at);
