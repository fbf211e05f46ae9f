-- The attempt log: every try to deliver a message to an endpoint (docs/adr/0007-delivery-storage.md).
CREATE TABLE attempt (
    id               bigserial PRIMARY KEY,
    tenant_id        text        NOT NULL,
    endpoint_id      text        NOT NULL,
    message_id       text        NOT NULL,
    event_id         text        NOT NULL,
    event_type       text        NOT NULL,
    attempt_no       int         NOT NULL,
    outcome          text        NOT NULL,
    http_status      int,
    latency_ms       bigint      NOT NULL,
    response_excerpt text,
    error            text,
    attempted_at     timestamptz NOT NULL
);
CREATE INDEX attempt_tenant ON attempt (tenant_id, id DESC);
CREATE INDEX attempt_tenant_endpoint ON attempt (tenant_id, endpoint_id, id DESC);
CREATE INDEX attempt_message ON attempt (message_id);
