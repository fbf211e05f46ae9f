package dev.atsrelay.config.document;

public class DocumentNotFound extends RuntimeException {

    public DocumentNotFound(String what, String id) {
        super("no " + what + " " + id + " in this tenant");
    }
}
