package dev.atsrelay.config.run;

import dev.atsrelay.config.id.TenantId;
import java.time.Instant;
import java.util.Map;

/**
 * One run of a manual custom action by a user on one record or many. It keeps what the action was when it ran, so
 * that the run reads the same after the action changes. Its status follows from its records' states.
 */
record Run(String id, TenantId tenant, String actionId, String actionName, String actionType, String behaviour,
           String area, UserRef user, Map<String, Object> input, int records, Instant createdAt) {
}
