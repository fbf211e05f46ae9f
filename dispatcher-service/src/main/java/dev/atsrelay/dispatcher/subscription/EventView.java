package dev.atsrelay.dispatcher.subscription;

/**
 * Read access to an event's fields by JSON pointer (e.g. {@code /data/jobId}): a String, a Number, a Boolean, a
 * {@code java.util.List} of those, or null when absent. Keeps the matcher free of any JSON library.
 */
public interface EventView {

    Object at(String pointer);
}
