package dev.atsrelay.config.api;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, newest last, with the cursor of the next page ({@code null} on the last one). Ids are ULIDs,
 * so ordering by id is ordering by creation and a cursor is simply the last id seen.
 */
public record Page<T>(List<T> items, String next) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /** Builds a page from up to {@code limit + 1} rows read after the cursor: the extra row proves there is more. */
    public static <T> Page<T> of(List<T> rows, int limit, Function<T, String> id) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(List.copyOf(items), id.apply(items.get(limit - 1)));
    }

    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw new InvalidParameter("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), next);
    }
}
