package dev.atsrelay.marketplace.session;

import java.util.List;
import java.util.Map;

/** The body of {@code POST /internal/v1/sessions}: the contract with config-service and the dispatcher. */
public record OpenSession(String tenantId, String vendorId, String actionId, String invocationId,
                          List<RecordRef> records, Map<String, Object> context) {
}
