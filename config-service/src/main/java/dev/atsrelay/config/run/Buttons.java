package dev.atsrelay.config.run;

import dev.atsrelay.config.action.CustomAction;
import dev.atsrelay.config.document.Document;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Which custom actions a user may see and run on a display area: enabled manual actions (and marketplace actions
 * with a {@code manual} section) shown on that area, of which the user holds <em>any</em> listed permission. Pure.
 */
final class Buttons {

    /**
     * The order of the buttons: by name, ignoring case, then by name, then by id, so that the same configuration always
     * shows the same order, whatever the order of the user's permissions or of the actions' creation.
     */
    static final Comparator<Document<CustomAction>> ORDER = Comparator
            .comparing((Document<CustomAction> d) -> d.body().name().toLowerCase(Locale.ROOT))
            .thenComparing(d -> d.body().name())
            .thenComparing(Document::id);

    private Buttons() {
    }

    static boolean mayRun(CustomAction action, String area, Collection<String> permissions) {
        CustomAction.Manual m = action.manual();
        return action.enabled() && m != null && !"event".equals(action.actionType())
                && m.displayAreas() != null && m.displayAreas().contains(area)
                && m.permissions() != null && m.permissions().stream().anyMatch(permissions::contains);
    }

    static List<Document<CustomAction>> visible(List<Document<CustomAction>> actions, String area, Collection<String> permissions) {
        var held = java.util.Set.copyOf(permissions);
        return actions.stream().filter(d -> mayRun(d.body(), area, held)).sorted(ORDER).toList();
    }
}
