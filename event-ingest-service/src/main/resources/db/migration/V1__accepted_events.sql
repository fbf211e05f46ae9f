-- Idempotency: one row per (tenant, key) accepted within the window (atsrelay.ingest.idempotency.window, default
-- 24 h). The key is the Idempotency-Key header or else the event id. A row is 'pending' from the claim until Kafka
-- acknowledged the event, then 'accepted'. payload_hash refuses the same key with other content.
CREATE TABLE accepted_event (
    tenant_id    text        NOT NULL,
    idem_key     text        NOT NULL,
    event_id     text        NOT NULL,
    event_type   text        NOT NULL,
    payload_hash bytea       NOT NULL,
    state        text        NOT NULL CHECK (state IN ('pending', 'accepted')),
    claimed_at   timestamptz NOT NULL,
    accepted_at  timestamptz,
    PRIMARY KEY (tenant_id, idem_key)
);
-- the purge deletes by age
CREATE INDEX accepted_event_claimed_at ON accepted_event (claimed_at);
