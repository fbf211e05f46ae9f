package dev.atsrelay.config.run;

/**
 * The action does not exist for this user on this display area: there is no such action, it is disabled, not shown
 * on the area, or the user holds none of its permissions. All answer alike, so the answer reveals nothing.
 */
public class ActionNotAvailable extends RuntimeException {

    ActionNotAvailable(String actionId, String area) {
        super("no custom action " + actionId + " on " + area + " for this user");
    }
}
