package dev.atsrelay.ingest.validation;

import com.networknt.schema.Schema;

/**
 * One entry of docs/events/catalogue.json: the type, its data schema, and how its Kafka key is made
 * ({@code tenant+job}: one job's events stay in order on one partition; {@code tenant+subject} otherwise), and
 * whether only the platform itself emits it (such types are never accepted from ATS core).
 */
record EventType(String type, int version, Schema schema, KeyRule key, boolean fromPlatform) {

    enum KeyRule {
        TENANT_JOB, TENANT_SUBJECT;

        static KeyRule of(String value) {
            return switch (value) {
                case "tenant+job" -> TENANT_JOB;
                case "tenant+subject" -> TENANT_SUBJECT;
                default -> throw new IllegalArgumentException("unknown key rule " + value + " in catalogue.json");
            };
        }
    }
}
