package dev.atsrelay.config.action;

import dev.atsrelay.config.secret.SigningSecret;
import java.util.List;

/**
 * A custom action (FastTrack: Settings → Custom Actions): what users see (name, description), where it is delivered
 * (an endpoint signed with its own secrets, like a webhook) and, by type, how it runs:
 * <ul>
 * <li>{@code manual}: a button on records of the display areas, for users holding any of the permissions; it opens a
 * pop-up form, redirects to an external system, or sends a background request;</li>
 * <li>{@code event}: runs by itself when a job is filled (any method) or a candidate enters one of the chosen
 * stages — never the Filled stage;</li>
 * <li>{@code marketplace}: created from a vendor's configuration, linked to the vendor; shown like a manual action
 * where the vendor allows it, and usable as a stage trigger.</li>
 * </ul>
 * The body of the {@code action} document.
 */
public record CustomAction(String actionType, String name, String description, String endpointUrl, boolean enabled,
                           List<SigningSecret> secrets, Manual manual, EventTrigger event, Marketplace marketplace) {

    public static final List<String> TYPES = List.of("manual", "event", "marketplace");

    /**
     * @param displayAreas        where the button shows (see {@link DisplayArea})
     * @param permissions         security permissions: a user holding any one of them sees and runs it
     * @param behaviour           {@code popup}, {@code redirect} or {@code background}
     * @param form                the pop-up's input form (behaviour popup)
     * @param redirectUrlTemplate the external system's URL with {placeholders} (behaviour redirect)
     */
    public record Manual(List<String> displayAreas, List<String> permissions, String behaviour, Form form,
                         String redirectUrlTemplate) {
    }

    public record Form(List<Field> fields) {
    }

    /** One input of a pop-up form; {@code options} for {@code select}. */
    public record Field(String name, String label, String type, Boolean required, List<String> options) {
    }

    /** {@code job_fill} (FastTrack: Job Order Fill), or {@code stage_entered} with the chosen stages. */
    public record EventTrigger(String trigger, List<String> stageIds) {
    }

    /** The vendor and the version of its configuration this action was created from. */
    public record Marketplace(String vendorId, String configVersion) {
    }

    CustomAction with(String newName, String newDescription, String newUrl, boolean on, List<SigningSecret> newSecrets,
                      Manual newManual, EventTrigger newEvent, Marketplace newMarketplace) {
        return new CustomAction(actionType, newName, newDescription, newUrl, on, newSecrets, newManual, newEvent, newMarketplace);
    }

    /** Whether a stage trigger may run it: it needs no user (background manual actions and marketplace actions). */
    public boolean runsUnattended() {
        return "marketplace".equals(actionType)
                || ("manual".equals(actionType) && manual != null && "background".equals(manual.behaviour()));
    }
}
