package dev.atsrelay.marketplace.vendor;

import java.util.List;

/**
 * The custom action a vendor asks agencies to create (FastTrack: "configuration details for the required Custom
 * Action will be provided"), in config-service's shape (docs/services/config-service.md, custom actions): what users
 * see, the vendor's endpoint, an optional button ({@code manual}) and the events it is meant to run on.
 *
 * @param manual        where the button may show, the permissions it suggests, popup / redirect / background
 * @param eventTriggers {@code job_fill} and/or {@code stage_entered}: where an agency may attach the action as a stage
 *                      trigger (a marketplace action runs from a button or a stage trigger, never as an Event action)
 */
public record VendorConfiguration(String name, String description, String endpointUrl, Manual manual,
                                  List<String> eventTriggers) {

    /** As config-service's {@code manual} section; {@code displayAreas} are the areas an agency may choose from. */
    public record Manual(List<String> displayAreas, List<String> permissions, String behaviour, Form form,
                         String redirectUrlTemplate) {
    }

    public record Form(List<Field> fields) {
    }

    public record Field(String name, String label, String type, Boolean required, List<String> options) {
    }
}
