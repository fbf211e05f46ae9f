package dev.atsrelay.marketplace.vendor;

import dev.atsrelay.marketplace.api.Checks;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a vendor's registration and configuration must hold: config-service's custom-action rules, checked when the
 * vendor publishes them, so that an agency's connect does not fail later. Plain Java.
 */
public final class VendorRules {

    /** The twelve display areas (FastTrack's Parent … Doco Management – Pending List), as config-service names them. */
    public static final Set<String> DISPLAY_AREAS = Set.of("parent", "client", "cost_centre", "client_contact", "job_order",
            "candidate", "candidate_search", "contact_search", "referral_workflow", "doco_management_header",
            "doco_management_doco_list", "doco_management_pending_list");
    static final Set<String> CAPABILITIES = Set.of("assessment", "background_check", "hris", "job_board", "career_page",
            "reference_check", "onboarding", "other");
    static final Set<String> BEHAVIOURS = Set.of("popup", "redirect", "background");
    static final Set<String> FIELD_TYPES = Set.of("text", "textarea", "number", "date", "select", "checkbox");
    static final Set<String> TRIGGERS = Set.of("job_fill", "stage_entered");
    static final Set<String> PLACEHOLDERS = Set.of("recordId", "area", "userId", "tenantId", "actionId", "sessionId", "invocationId");
    private static final Pattern FIELD_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,49}$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    private VendorRules() {
    }

    static Checks registration(String name, String description, List<String> capabilities, VendorConfiguration config) {
        Checks c = new Checks().text("/name", name, 1, 200, true).text("/description", description, 1, 2000, false);
        if (capabilities == null || capabilities.isEmpty() || capabilities.size() > 20) {
            c.add("/capabilities", "1–20 of " + CAPABILITIES.stream().sorted().toList());
        } else {
            for (int i = 0; i < capabilities.size(); i++) {
                if (!CAPABILITIES.contains(capabilities.get(i))) {
                    c.add("/capabilities/" + i, "must be one of " + CAPABILITIES.stream().sorted().toList());
                }
            }
        }
        if (config == null) {
            return c.add("/configuration", "is required");
        }
        configuration(config, "/configuration", c);
        return c;
    }

    static Checks configuration(VendorConfiguration config, String at, Checks c) {
        c.text(at + "/name", config.name(), 1, 200, true).text(at + "/description", config.description(), 1, 2000, true);
        url(config.endpointUrl(), at + "/endpointUrl", c);
        if (config.manual() == null && (config.eventTriggers() == null || config.eventTriggers().isEmpty())) {
            c.add(at, "needs a button (manual) or event triggers, or agencies could never run it");
        }
        if (config.eventTriggers() != null) {
            for (int i = 0; i < config.eventTriggers().size(); i++) {
                if (!TRIGGERS.contains(config.eventTriggers().get(i))) {
                    c.add(at + "/eventTriggers/" + i, "must be job_fill or stage_entered");
                }
            }
        }
        if (config.manual() != null) {
            manual(config.manual(), at + "/manual", c);
        }
        return c;
    }

    private static void manual(VendorConfiguration.Manual m, String at, Checks c) {
        if (m.displayAreas() == null || m.displayAreas().isEmpty()) {
            c.add(at + "/displayAreas", "at least one display area");
        } else {
            for (int i = 0; i < m.displayAreas().size(); i++) {
                if (!DISPLAY_AREAS.contains(m.displayAreas().get(i))) {
                    c.add(at + "/displayAreas/" + i, "must be one of the twelve display areas");
                }
            }
        }
        permissions(m.permissions(), at + "/permissions", c);
        if (!BEHAVIOURS.contains(String.valueOf(m.behaviour()))) {
            c.add(at + "/behaviour", "must be popup, redirect or background");
        }
        boolean popup = "popup".equals(m.behaviour());
        if (popup != (m.form() != null)) {
            c.add(at + "/form", popup ? "a popup needs a form" : "only a popup has a form");
        } else if (popup) {
            fields(m.form().fields(), at + "/form/fields", c);
        }
        boolean redirect = "redirect".equals(m.behaviour());
        if (redirect != (m.redirectUrlTemplate() != null)) {
            c.add(at + "/redirectUrlTemplate", redirect ? "a redirect needs a redirectUrlTemplate" : "only a redirect has one");
        } else if (redirect) {
            redirectTemplate(m.redirectUrlTemplate(), at + "/redirectUrlTemplate", c);
        }
    }

    /** 1–50 security permissions of 1–100 characters (a user holding any one sees the button). */
    public static void permissions(List<String> permissions, String at, Checks c) {
        if (permissions == null || permissions.isEmpty() || permissions.size() > 50) {
            c.add(at, "1–50 security permissions");
            return;
        }
        for (int i = 0; i < permissions.size(); i++) {
            c.text(at + "/" + i, permissions.get(i), 1, 100, true);
        }
    }

    private static void fields(List<VendorConfiguration.Field> fields, String at, Checks c) {
        if (fields == null || fields.isEmpty() || fields.size() > 50) {
            c.add(at, "1–50 fields");
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            var f = fields.get(i);
            String p = at + "/" + i;
            if (f == null) {
                c.add(p, "must be an object");
                continue;
            }
            if (f.name() == null || !FIELD_NAME.matcher(f.name()).matches() || !names.add(f.name())) {
                c.add(p + "/name", "a unique name: a letter, then up to 49 letters, digits or _");
            }
            c.text(p + "/label", f.label(), 1, 200, true);
            if (!FIELD_TYPES.contains(String.valueOf(f.type()))) {
                c.add(p + "/type", "must be one of " + FIELD_TYPES.stream().sorted().toList());
            }
            if (f.required() == null) {
                c.add(p + "/required", "true or false is required");
            }
            if ("select".equals(f.type()) == (f.options() == null || f.options().isEmpty())) {
                c.add(p + "/options", "only and always a select has options");
            }
        }
    }

    private static void redirectTemplate(String template, String at, Checks c) {
        if (template.length() > 2000 || !template.startsWith("https://")) {
            c.add(at, "an https:// URL of at most 2000 characters");
            return;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                c.add(at, "unknown placeholder {" + m.group(1) + "}; allowed: " + PLACEHOLDERS.stream().sorted().toList());
            }
        }
    }

    private static void url(String url, String at, Checks c) {
        if (url == null) {
            c.add(at, "is required");
            return;
        }
        try {
            URI uri = new URI(url);
            if (url.length() > 2000 || uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                c.add(at, "an absolute http(s) URL of at most 2000 characters (config-service decides whether http is allowed)");
            }
        } catch (java.net.URISyntaxException e) {
            c.add(at, "is not a URL");
        }
    }
}
