package dev.atsrelay.config.run;

/** A run named more records than one run may hold; split it into several runs. */
public class TooManyRecords extends RuntimeException {

    TooManyRecords(int given, int max) {
        super("a run may name at most " + max + " records; this one names " + given + ": split it into several runs");
    }
}
