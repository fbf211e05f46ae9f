package dev.atsrelay.marketplace.id;

import com.github.f4b6a3.ulid.UlidCreator;
import java.util.Locale;

/**
 * Typed, prefixed, time-ordered identifiers ({@code ven_01jd…}, {@code acc_01jd…}) as in config-service
 * (docs/adr/0003-identifiers.md). Session ids are not made here: they must be unguessable (session.SessionIds).
 */
public final class Ids {

    private Ids() {
    }

    public static String next(String prefix) {
        return prefix + "_" + UlidCreator.getMonotonicUlid().toString().toLowerCase(Locale.ROOT);
    }
}
