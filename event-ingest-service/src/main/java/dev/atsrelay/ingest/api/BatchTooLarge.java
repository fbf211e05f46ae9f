package dev.atsrelay.ingest.api;

class BatchTooLarge extends RuntimeException {

    BatchTooLarge(int size, int max) {
        super("the batch holds " + size + " events; the limit is " + max);
    }
}
