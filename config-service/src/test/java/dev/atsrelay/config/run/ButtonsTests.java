package dev.atsrelay.config.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.config.action.CustomAction;
import dev.atsrelay.config.document.Document;
import dev.atsrelay.config.id.TenantId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ButtonsTests {

    private static Document<CustomAction> action(String id, String name, boolean enabled, String area, String... permissions) {
        var manual = new CustomAction.Manual(List.of(area), List.of(permissions), "background", null, null);
        var body = new CustomAction("manual", name, "d", "https://x.example", enabled, List.of(), manual, null, null);
        return new Document<>("action", new TenantId("tn_1"), id, body, 1, Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void showsEnabledActionsOfTheAreaWhoseAnyPermissionTheUserHoldsSortedByName() {
        var all = List.of(action("act_3", "send to HRIS", true, "candidate", "hris.send"),
                action("act_1", "Reference check", true, "candidate", "refcheck.run", "refcheck.admin"),
                action("act_2", "Background check", false, "candidate", "refcheck.run"),
                action("act_4", "Post the job", true, "job_order", "refcheck.run"),
                action("act_5", "Approve", true, "candidate", "approver"));
        assertThat(Buttons.visible(all, "candidate", List.of("hris.send", "refcheck.admin")))
                .extracting(Document::id).containsExactly("act_1", "act_3");
        assertThat(Buttons.visible(all, "candidate", List.of())).isEmpty();
        assertThat(Buttons.visible(all, "job_order", List.of("refcheck.run"))).extracting(Document::id).containsExactly("act_4");
    }
}
