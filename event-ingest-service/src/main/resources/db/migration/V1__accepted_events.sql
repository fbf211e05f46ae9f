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
    claim_token  uuid        NOT NULL, -- which request holds the claim
    accepted_at  timestamptz,
    PRIMARY KEY (tenant_id, idem_key)
) WITH (fillfactor = 70); -- room in each page, so that confirming a claim is a HOT update (no index write)
-- the purge deletes by age; rows arrive in time order, so a BRIN index is tiny and nearly free to maintain
CREATE INDEX accepted_event_claimed_at ON accepted_event USING brin (claimed_at);
