package dev.atsrelay.marketplace.api;

/** One field at fault: an RFC 6901 pointer into the request body and what is wrong with it. */
public record FieldError(String pointer, String detail) {
}
