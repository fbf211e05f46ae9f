-- Marketplace actions run from buttons: each record of such a run has a vendor session opened by marketplace-service.
-- Its id is session data, which no store may keep 7 days after the session's creation (BRIEF.md), so it is removed
-- at session_expires_at by SessionRedaction. The expiry itself stays on the record: it is not session data.
ALTER TABLE action_run_record ADD COLUMN session_id text;
ALTER TABLE action_run_record ADD COLUMN session_expires_at timestamptz;
CREATE INDEX action_run_record_session_expiry ON action_run_record (session_expires_at) WHERE session_id IS NOT NULL;

-- A marketplace run's input is the sessions' context (the vendors read it there): it is emptied with the first of its
-- sessions to expire, and session_expires_at is then cleared (null: nothing left to redact).
ALTER TABLE action_run ADD COLUMN session_expires_at timestamptz;
CREATE INDEX action_run_session_expiry ON action_run (session_expires_at) WHERE session_expires_at IS NOT NULL;

-- An outbox row that carries session data and is still unpublished when the session expires is dropped: the
-- dispatcher would not deliver it any more, and the row must not outlive the session.
ALTER TABLE outbox ADD COLUMN expires_at timestamptz;
CREATE INDEX outbox_expiry ON outbox (expires_at) WHERE expires_at IS NOT NULL;
