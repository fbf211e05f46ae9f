package dev.atsrelay.config.api;

/** If-Match named a version other than the current one: the caller edited a stale copy. */
public class VersionMismatch extends RuntimeException {

    public VersionMismatch(long current) {
        super("the resource changed since you read it; it is now at version " + current
                + " (ETag " + Versions.etag(current) + "): read it again and reapply your change");
    }
}
