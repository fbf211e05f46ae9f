package dev.atsrelay.marketplace.session;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Vendor sessions: lifetime margin, purge schedule and size limits (application.yml documents each key). */
@Validated
@ConfigurationProperties("atsrelay.marketplace.sessions")
record SessionProperties(@NotNull Duration margin, @NotNull Duration purgeInterval, @Min(1) @Max(10000) int purgeBatch,
                         @Min(1) @Max(10000) int maxRecords, @Min(1024) int maxJsonBytes) {

    SessionLifetime lifetime() {
        return new SessionLifetime(margin, purgeInterval);
    }
}
