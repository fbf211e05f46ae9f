package dev.atsrelay.config.marketplace;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The body of marketplace-service's {@code POST /internal/v1/sessions}: one invocation of a marketplace action on its
 * records, with what the vendor may read ({@code context}, optional). Idempotent on {@code invocationId}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionRequest(String tenantId, String vendorId, String actionId, String invocationId,
                             List<Record> records, Map<String, Object> context) {

    /** A record the session is bound to; {@code jobId} and {@code candidateId} may be null. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Record(String area, String recordId, String jobId, String candidateId) {
    }
}
