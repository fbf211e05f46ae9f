package dev.atsrelay.marketplace.account;

import java.util.Map;

/** config-service refused to create or change the custom action; its problem is passed on. Nothing was connected. */
public class ConfigServiceRefused extends RuntimeException {

    private final int status;
    private final transient Map<String, Object> problem;

    ConfigServiceRefused(int status, Map<String, Object> problem) {
        super("config-service refused the Marketplace custom action (" + status + "): "
                + (problem == null ? "" : String.valueOf(problem.getOrDefault("detail", ""))));
        this.status = status;
        this.problem = problem == null ? Map.of() : problem;
    }

    public int status() {
        return status;
    }

    public Map<String, Object> problem() {
        return problem;
    }
}
