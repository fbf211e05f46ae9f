package dev.atsrelay.config.run;

/** One record the action runs on: its id in the display area, and the job and candidate it concerns, if any. */
record RecordRef(String recordId, String jobId, String candidateId) {
}
