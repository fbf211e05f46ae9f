-- Workflow stages, custom actions, job templates and job stage triggers: tenant-scoped, versioned JSON documents,
-- each validated by its feature's records (see the document package). One table, one optimistic-update path.
CREATE TABLE config_document (
    kind       text        NOT NULL,
    tenant_id  text        NOT NULL REFERENCES tenant (id),
    id         text        NOT NULL,
    body       jsonb       NOT NULL,
    version    bigint      NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    last_test  jsonb,
    PRIMARY KEY (kind, tenant_id, id)
);
