-- The outbox now feeds more than one topic: each row names its logical topic (CONFIG, PLATFORM) and may carry
-- Kafka record headers (ce_id, ce_type, ce_tenantid for action.invoked), as a JSON object of strings.
ALTER TABLE outbox ADD COLUMN headers jsonb;

-- A run of a manual custom action by a user, on one record or many (bulk). What the action was at run time is kept
-- (name, type, behaviour), so that the run reads the same after the action changes or is deleted.
CREATE TABLE action_run (
    id          text PRIMARY KEY,
    tenant_id   text        NOT NULL REFERENCES tenant (id),
    action_id   text        NOT NULL,
    action_name text        NOT NULL,
    action_type text        NOT NULL,
    behaviour   text        NOT NULL,
    area        text        NOT NULL,
    user_id     text        NOT NULL,
    user_name   text,
    input       jsonb       NOT NULL,
    records     integer     NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX action_run_tenant ON action_run (tenant_id, id);

-- One record of a run: one action.invoked (invocation_id), and its delivery progress as the dispatcher reports it.
-- state: pending until an outcome makes it done or failed; failed may still become done (a replay delivered it).
CREATE TABLE action_run_record (
    invocation_id text PRIMARY KEY,
    run_id        text        NOT NULL REFERENCES action_run (id),
    record_id     text        NOT NULL,
    job_id        text,
    candidate_id  text,
    state         text        NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
    attempts      integer     NOT NULL DEFAULT 0,
    last_status   integer,
    last_error    text,
    reason        text,
    message_id    text,
    updated_at    timestamptz NOT NULL
);
-- pages of a run in invocation order (ids are ULIDs issued in the records' order), and totals per state
CREATE INDEX action_run_record_run ON action_run_record (run_id, invocation_id);
CREATE INDEX action_run_record_state ON action_run_record (run_id, state);
