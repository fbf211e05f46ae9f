package dev.atsrelay.config.action;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A redirect action's URL template, {@code https://vendor.example/start?candidate={recordId}}: which placeholders it
 * may use (checked when the action is saved) and how a run fills them in (each value percent-encoded). Pure.
 */
public final class RedirectTemplate {

    public static final Set<String> PLACEHOLDERS = Set.of("recordId", "area", "userId", "tenantId", "actionId",
            "sessionId", "invocationId");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    private RedirectTemplate() {
    }

    /** Why the template cannot be accepted; empty if it can. */
    static List<String> problems(String template) {
        List<String> problems = new ArrayList<>();
        if (template == null || template.isBlank() || template.length() > 2000 || !template.startsWith("https://")) {
            problems.add("an https URL template, e.g. https://vendor.example/start?candidate={recordId}");
            return problems;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                problems.add("unknown placeholder {" + m.group(1) + "}; known: " + PLACEHOLDERS);
            }
        }
        return problems;
    }

    /**
     * The URL to open: every placeholder replaced by its value, percent-encoded as an RFC 3986 unreserved string (so
     * a value cannot add a path segment, a query parameter or a fragment). A placeholder without a value becomes empty.
     */
    public static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder url = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(url, Matcher.quoteReplacement(value == null ? "" : encode(value)));
        }
        m.appendTail(url);
        return url.toString();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
