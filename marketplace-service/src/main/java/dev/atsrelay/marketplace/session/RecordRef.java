package dev.atsrelay.marketplace.session;

/** A record a session is bound to: its display area and id, and the job and candidate it concerns, if any. */
public record RecordRef(String area, String recordId, String jobId, String candidateId) {
}
