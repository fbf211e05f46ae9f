package dev.atsrelay.config.run;

public class RunNotFound extends RuntimeException {

    RunNotFound(String id) {
        super("no run " + id + " in this tenant");
    }
}
