package dev.atsrelay.config.action;

import java.util.List;

/** The twelve display areas of a manual custom action (FastTrack article). */
public final class DisplayArea {

    public static final List<String> ALL = List.of("parent", "client", "cost_centre", "client_contact", "job_order", "candidate",
            "candidate_search", "contact_search", "referral_workflow", "doco_management_header",
            "doco_management_doco_list", "doco_management_pending_list");

    private DisplayArea() {
    }

    public static boolean known(String area) {
        return ALL.contains(area);
    }
}
