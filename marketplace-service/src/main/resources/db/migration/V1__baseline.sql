-- marketplace-service owns this database; vendors, accounts and vendor sessions arrive with the marketplace issue.
-- Every table that holds vendor-session data must be purged no later than 7 days after the session's creation.
COMMENT ON SCHEMA public IS 'marketplace-service: vendor catalogue, agency accounts, vendor sessions';
