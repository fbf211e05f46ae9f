package dev.atsrelay.config.id;

import com.github.f4b6a3.ulid.UlidCreator;
import java.util.Locale;

/**
 * Typed, prefixed, time-ordered identifiers ({@code tn_01jd…}, {@code wh_01jd…}): a ULID after the prefix, so ids
 * sort by creation time (cursor pagination) and cannot be confused in logs. See docs/adr/0003-identifiers.md.
 */
public final class Ids {

    private Ids() {
    }

    public static String next(String prefix) {
        return prefix + "_" + UlidCreator.getMonotonicUlid().toString().toLowerCase(Locale.ROOT);
    }
}
