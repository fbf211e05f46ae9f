package dev.atsrelay.marketplace.session;

import dev.atsrelay.marketplace.api.Checks;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the internal open request and a vendor's result must look like; every problem reported at once. Plain Java. */
final class SessionRules {

    static final Set<String> STATUSES = Set.of("in_progress", "completed", "failed", "cancelled");

    private SessionRules() {
    }

    static Checks open(OpenSession r, int maxRecords, int contextBytes, int maxJsonBytes) {
        Checks c = new Checks();
        if (r.tenantId() == null) {
            c.add("/tenantId", "is required");
        } else if (!Checks.TENANT_ID.matcher(r.tenantId()).matches()) {
            c.add("/tenantId", "must be a tenant id (tn_ and 26 lower-case letters or digits)");
        }
        c.text("/vendorId", r.vendorId(), 1, 100, true).text("/actionId", r.actionId(), 1, 100, true)
                .text("/invocationId", r.invocationId(), 1, 100, true);
        if (r.records() == null || r.records().isEmpty()) {
            c.add("/records", "at least one record is required");
        } else if (r.records().size() > maxRecords) {
            c.add("/records", "at most " + maxRecords + " records");
        } else {
            for (int i = 0; i < r.records().size(); i++) {
                RecordRef ref = r.records().get(i);
                String at = "/records/" + i;
                if (ref == null) {
                    c.add(at, "must be an object");
                    continue;
                }
                c.text(at + "/area", ref.area(), 1, 100, true).text(at + "/recordId", ref.recordId(), 1, 100, true)
                        .text(at + "/jobId", ref.jobId(), 1, 100, false)
                        .text(at + "/candidateId", ref.candidateId(), 1, 100, false);
            }
        }
        if (contextBytes > maxJsonBytes) {
            c.add("/context", "at most " + maxJsonBytes + " bytes of JSON");
        }
        return c;
    }

    static Checks result(PostResult r, int resultBytes, int maxJsonBytes) {
        Checks c = new Checks();
        if (r.status() == null) {
            c.add("/status", "is required");
        } else if (!STATUSES.contains(r.status())) {
            c.add("/status", "must be one of in_progress, completed, failed, cancelled");
        }
        if (r.record() != null) {
            if (!Set.of("area", "recordId").containsAll(r.record().keySet())) {
                c.add("/record", "has only area and recordId");
            }
            c.text("/record/area", r.record().get("area"), 1, 100, true)
                    .text("/record/recordId", r.record().get("recordId"), 1, 100, true);
        }
        if (r.result() != null && r.result().size() > 200) {
            c.add("/result", "at most 200 members");
        }
        if (resultBytes > maxJsonBytes) {
            c.add("/result", "at most " + maxJsonBytes + " bytes of JSON");
        }
        return c;
    }
}
