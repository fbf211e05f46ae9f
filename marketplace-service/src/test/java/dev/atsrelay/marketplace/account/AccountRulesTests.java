package dev.atsrelay.marketplace.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atsrelay.marketplace.api.InvalidField;
import dev.atsrelay.marketplace.vendor.VendorConfiguration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class AccountRulesTests {

    private static final VendorConfiguration CONFIG = new VendorConfiguration("Background check", "Runs a check.",
            "https://checks.example.com/ats", new VendorConfiguration.Manual(List.of("candidate", "job_order"),
            List.of("checks.run"), "background", null, null), List.of("stage_entered"));

    @Test
    void takesTheVendorsConfigurationAsItIs() {
        Map<String, Object> action = AccountRules.action("ven_1", 3, CONFIG, Adjustments.NONE);
        assertThat(action).containsEntry("name", "Background check").containsEntry("endpointUrl", "https://checks.example.com/ats")
                .containsEntry("marketplace", Map.of("vendorId", "ven_1", "configVersion", "3"));
        assertThat((Map<String, Object>) action.get("manual")).containsEntry("displayAreas", List.of("candidate", "job_order"))
                .containsEntry("permissions", List.of("checks.run")).containsEntry("behaviour", "background");
    }

    @Test
    void letsTheAgencyNarrowTheAreasAndUseItsOwnPermissions() {
        Map<String, Object> action = AccountRules.action("ven_1", 1, CONFIG,
                new Adjustments("Check", List.of("candidate"), List.of("agency.checks")));
        assertThat(action).containsEntry("name", "Check");
        assertThat((Map<String, Object>) action.get("manual")).containsEntry("displayAreas", List.of("candidate"))
                .containsEntry("permissions", List.of("agency.checks"));
    }

    @Test
    void refusesAreasTheVendorDoesNotAllow() {
        assertThatThrownBy(() -> AccountRules.action("ven_1", 1, CONFIG, new Adjustments(null, List.of("candidate", "client"), List.of())))
                .isInstanceOfSatisfying(InvalidField.class, e -> assertThat(e.errors()).extracting(f -> f.pointer())
                        .containsExactly("/displayAreas/1", "/permissions"));
    }
}
