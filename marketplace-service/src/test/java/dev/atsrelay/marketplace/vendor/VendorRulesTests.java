package dev.atsrelay.marketplace.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atsrelay.marketplace.api.Checks;
import java.util.List;
import org.junit.jupiter.api.Test;

class VendorRulesTests {

    @Test
    void acceptsAPopupWithAForm() {
        var config = new VendorConfiguration("Assessment", "Sends a test.", "https://tests.example.com/hook",
                new VendorConfiguration.Manual(List.of("candidate"), List.of("tests.send"), "popup",
                        new VendorConfiguration.Form(List.of(new VendorConfiguration.Field("level", "Level", "select", true,
                                List.of("junior", "senior")))), null), null);
        assertThat(VendorRules.registration("TestCo", null, List.of("assessment"), config).ok()).isTrue();
    }

    @Test
    void reportsEveryProblemAtOnce() {
        var config = new VendorConfiguration("", "x", "ftp://example.com",
                new VendorConfiguration.Manual(List.of("lobby"), List.of(), "redirect", null,
                        "http://vendor.example/{candidate}"), List.of("hourly"));
        Checks c = VendorRules.registration("TestCo", null, List.of("astrology"), config);
        assertThat(c.ok()).isFalse();
        try {
            c.orThrow();
        } catch (dev.atsrelay.marketplace.api.InvalidField e) {
            assertThat(e.errors()).extracting(f -> f.pointer()).contains("/capabilities/0", "/configuration/name",
                    "/configuration/endpointUrl", "/configuration/eventTriggers/0", "/configuration/manual/displayAreas/0",
                    "/configuration/manual/permissions", "/configuration/manual/redirectUrlTemplate");
        }
    }
}
