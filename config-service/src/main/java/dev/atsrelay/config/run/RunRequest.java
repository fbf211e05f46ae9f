package dev.atsrelay.config.run;

import java.util.List;
import java.util.Map;

/**
 * Run an action on behalf of a user: who (and what they may do), on which records, with what input (pop-up only;
 * absent asks for the form).
 */
record RunRequest(UserRef user, List<String> permissions, List<RecordRef> records, Map<String, Object> input) {

    List<String> heldPermissions() {
        return permissions == null ? List.of() : permissions;
    }
}
