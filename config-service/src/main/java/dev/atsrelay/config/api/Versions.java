package dev.atsrelay.config.api;

/**
 * Optimistic concurrency: every resource has a version, sent as a strong ETag ({@code "3"}). A change may carry
 * {@code If-Match}; if it names another version the change is refused with 412 ({@link VersionMismatch}). A change
 * that loses a race with another one at write time is refused with 409 ({@link ConcurrentModification}).
 */
public final class Versions {

    private Versions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** Checks {@code If-Match} (if any) against the version read; {@code *} matches any. */
    public static void checkIfMatch(String ifMatch, long current) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return;
        }
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals(etag(current))) {
                return;
            }
        }
        throw new VersionMismatch(current);
    }
}
