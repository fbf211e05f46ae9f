package dev.atsrelay.ingest.validation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the HTTP API.
 *
 * @param maxEventSize   the largest single event accepted
 * @param maxBatchEvents the most events in one batch request
 */
@Validated
@ConfigurationProperties("atsrelay.ingest")
public record IngestProperties(@NotNull DataSize maxEventSize, @Min(1) @Max(10_000) int maxBatchEvents) {
}
