package dev.atsrelay.config.run;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxRecords       the most records one run (bulk) may name
 * @param sessionRedaction how often, and in batches of how many rows, the vendor-session data of runs is removed
 */
@Validated
@ConfigurationProperties("atsrelay.runs")
record RunProperties(@Min(1) @Max(10_000) int maxRecords, @Valid @NotNull SessionRedaction sessionRedaction) {

    /**
     * @param interval how often the job runs (and at start); at most 1 hour, so the 7-day deadline keeps its slack
     * @param batch    rows changed per statement; the job loops until nothing expired is left
     */
    record SessionRedaction(@NotNull @DurationMin(seconds = 1) @DurationMax(hours = 1) Duration interval,
                            @Min(1) @Max(10_000) int batch) {
    }
}
