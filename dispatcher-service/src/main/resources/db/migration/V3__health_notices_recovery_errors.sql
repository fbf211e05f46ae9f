-- An endpoint is disabled at one configuration version: it stays disabled here until config-service has a newer
-- version of it that is enabled (re-enabled by its owner), whether or not config-service has seen the notice yet.
ALTER TABLE endpoint_health ADD COLUMN disabled_version bigint;
ALTER TABLE endpoint_health ADD COLUMN disabled_reason text;
-- The endpoint.disabled notice is published from here, outbox-style: until it is acknowledged, it is sent again.
ALTER TABLE endpoint_health ADD COLUMN notified_at timestamptz;
-- The notice's lastStatus is read from the attempt log, which always has the latest one.
ALTER TABLE endpoint_health DROP COLUMN last_status;

-- A recovery that fails, or whose instance stops, ends as failed with the reason; updated_at shows it is alive.
ALTER TABLE recovery ADD COLUMN error text;
ALTER TABLE recovery ADD COLUMN updated_at timestamptz;
UPDATE recovery SET updated_at = COALESCE(finished_at, created_at);
ALTER TABLE recovery ALTER COLUMN updated_at SET NOT NULL;
