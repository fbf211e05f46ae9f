package dev.atsrelay.marketplace.account;

import dev.atsrelay.marketplace.api.Checks;
import dev.atsrelay.marketplace.vendor.VendorConfiguration;
import dev.atsrelay.marketplace.vendor.VendorRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a vendor's configuration and an agency's adjustments into the body of config-service's custom action
 * ({@code type: marketplace}). The agency may narrow what the vendor allows, never widen it. Plain Java.
 */
final class AccountRules {

    private AccountRules() {
    }

    /** The action's members (without {@code type}); throws InvalidField for adjustments that do not fit. */
    static Map<String, Object> action(String vendorId, int version, VendorConfiguration config, Adjustments adj) {
        Checks c = new Checks().text("/name", adj.name(), 1, 200, false);
        VendorConfiguration.Manual m = config.manual();
        if (m == null) {
            if (adj.displayAreas() != null) {
                c.add("/displayAreas", "this vendor's action has no button, so no display areas");
            }
            if (adj.permissions() != null) {
                c.add("/permissions", "this vendor's action has no button, so no permissions");
            }
        } else {
            if (adj.displayAreas() != null) {
                if (adj.displayAreas().isEmpty()) {
                    c.add("/displayAreas", "at least one display area");
                }
                for (int i = 0; i < adj.displayAreas().size(); i++) {
                    if (!m.displayAreas().contains(adj.displayAreas().get(i))) {
                        c.add("/displayAreas/" + i, "the vendor allows only " + m.displayAreas());
                    }
                }
            }
            if (adj.permissions() != null) {
                VendorRules.permissions(adj.permissions(), "/permissions", c);
            }
        }
        c.orThrow();
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("name", adj.name() != null ? adj.name().strip() : config.name());
        action.put("description", config.description());
        action.put("endpointUrl", config.endpointUrl());
        if (m != null) {
            Map<String, Object> manual = new LinkedHashMap<>();
            manual.put("displayAreas", adj.displayAreas() != null ? List.copyOf(adj.displayAreas()) : m.displayAreas());
            manual.put("permissions", adj.permissions() != null ? List.copyOf(adj.permissions()) : m.permissions());
            manual.put("behaviour", m.behaviour());
            if (m.form() != null) {
                manual.put("form", m.form());
            }
            if (m.redirectUrlTemplate() != null) {
                manual.put("redirectUrlTemplate", m.redirectUrlTemplate());
            }
            action.put("manual", manual);
        }
        action.put("marketplace", Map.of("vendorId", vendorId, "configVersion", Integer.toString(version)));
        return action;
    }
}
