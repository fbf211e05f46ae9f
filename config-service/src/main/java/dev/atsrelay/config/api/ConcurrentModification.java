package dev.atsrelay.config.api;

/** Another change was written between this change's read and its write. */
public class ConcurrentModification extends RuntimeException {

    public ConcurrentModification(String what) {
        super(what + " was changed by another request at the same time; read it again and retry");
    }
}
