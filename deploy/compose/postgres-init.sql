-- One database per service (docs/architecture.md); Flyway in each service creates its tables.
CREATE DATABASE atsrelay_config;
CREATE DATABASE atsrelay_ingest;
CREATE DATABASE atsrelay_dispatcher;
CREATE DATABASE atsrelay_marketplace;
