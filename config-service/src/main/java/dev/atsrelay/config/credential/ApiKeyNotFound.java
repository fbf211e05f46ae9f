package dev.atsrelay.config.credential;

public class ApiKeyNotFound extends RuntimeException {

    public ApiKeyNotFound(String id) {
        super("no live API key " + id + " in this tenant");
    }
}
