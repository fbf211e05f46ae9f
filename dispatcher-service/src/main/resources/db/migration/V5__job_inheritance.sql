-- Stage triggers a job inherited from its job template when it was created (docs/adr/0016-action-triggers.md): the
-- template's stage → action ids as they were at job.created, so that later template edits do not change existing
-- jobs, and so that a stage event read right after job.created finds them.
CREATE TABLE job_inheritance (
    tenant_id    text        NOT NULL,
    job_id       text        NOT NULL,
    template_id  text        NOT NULL,
    stages       text        NOT NULL, -- JSON: {"<stageId>": ["<actionId>", …]}
    inherited_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, job_id)
);
