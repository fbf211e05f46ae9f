-- FIFO per key (docs/adr/0014-endpoint-protection.md): a message of an ordered subscription carries its ordering key
-- (the Kafka record key: one entity, e.g. one job order). In a lane — one endpoint, one key — only the row with the
-- lowest source offset may be attempted; the others wait behind it.
ALTER TABLE retry ADD COLUMN ordering_key text;
ALTER TABLE dead_letter ADD COLUMN ordering_key text;
CREATE INDEX retry_lane ON retry (endpoint_id, ordering_key, source_offset) WHERE ordering_key IS NOT NULL;
