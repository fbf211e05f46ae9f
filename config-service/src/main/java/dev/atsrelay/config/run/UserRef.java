package dev.atsrelay.config.run;

/** The ATS user on whose behalf the screen asks: their id and, optionally, their name (sent to the endpoint). */
record UserRef(String userId, String name) {
}
