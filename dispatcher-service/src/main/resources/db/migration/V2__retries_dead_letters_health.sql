-- docs/adr/0007-delivery-storage.md: the first attempt goes straight from the stream; only a failed delivery becomes
-- a retry row with a due time, claimed with FOR UPDATE SKIP LOCKED and a lease (a crashed worker's claims expire).

-- Where an attempt's message came from, so that any message still on Kafka can be replayed.
ALTER TABLE attempt ADD COLUMN source_topic text;
ALTER TABLE attempt ADD COLUMN source_partition int;
ALTER TABLE attempt ADD COLUMN source_offset bigint;
-- Marketplace messages: the vendor session's expiry; the response excerpt is redacted then (BRIEF: ≤ 7 days).
ALTER TABLE attempt ADD COLUMN session_expires_at timestamptz;
CREATE INDEX attempt_attempted_at ON attempt USING brin (attempted_at);
CREATE INDEX attempt_session_expiry ON attempt (session_expires_at) WHERE session_expires_at IS NOT NULL;

CREATE TABLE retry (
    message_id         text PRIMARY KEY,
    tenant_id          text        NOT NULL,
    endpoint_id        text        NOT NULL,
    event_id           text        NOT NULL,
    event_type         text        NOT NULL,
    payload            bytea,                -- null once redacted
    attempts           int         NOT NULL, -- attempts made so far
    due_at             timestamptz NOT NULL,
    claimed_until      timestamptz,
    last_status        int,
    last_error         text,
    first_failed_at    timestamptz NOT NULL,
    source_topic       text,
    source_partition   int,
    source_offset      bigint,
    session_expires_at timestamptz
);
CREATE INDEX retry_due ON retry (due_at);
CREATE INDEX retry_endpoint ON retry (tenant_id, endpoint_id);

CREATE TABLE dead_letter (
    message_id         text PRIMARY KEY,
    tenant_id          text        NOT NULL,
    endpoint_id        text        NOT NULL,
    event_id           text        NOT NULL,
    event_type         text        NOT NULL,
    payload            bytea,                -- null once redacted
    attempts           int         NOT NULL,
    reason             text        NOT NULL, -- exhausted | gone | refused | endpoint_disabled | session_expired
    last_status        int,
    last_error         text,
    dead_at            timestamptz NOT NULL,
    source_topic       text,
    source_partition   int,
    source_offset      bigint,
    session_expires_at timestamptz
);
CREATE INDEX dead_letter_endpoint ON dead_letter (tenant_id, endpoint_id, dead_at);

-- Endpoint health: written only when it changes (first failure after a success, recovery, disabling).
CREATE TABLE endpoint_health (
    endpoint_id   text PRIMARY KEY,
    tenant_id     text        NOT NULL,
    failing_since timestamptz,
    last_status   int,
    disabled_at   timestamptz
);

-- Background recoveries: every dead letter of an endpoint in a time range, requeued.
CREATE TABLE recovery (
    id          text PRIMARY KEY,
    tenant_id   text        NOT NULL,
    endpoint_id text        NOT NULL,
    since       timestamptz NOT NULL,
    until       timestamptz NOT NULL,
    total       int         NOT NULL,
    requeued    int         NOT NULL,
    status      text        NOT NULL, -- running | done
    created_at  timestamptz NOT NULL,
    finished_at timestamptz
);
