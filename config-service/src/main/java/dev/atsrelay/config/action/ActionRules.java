package dev.atsrelay.config.action;

import dev.atsrelay.config.api.InvalidField.Problem;
import dev.atsrelay.config.stage.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What makes a custom action valid; every problem with the JSON pointer of the field at fault. Pure. */
final class ActionRules {

    static final Set<String> BEHAVIOURS = Set.of("popup", "redirect", "background");
    static final Set<String> FIELD_TYPES = Set.of("text", "textarea", "number", "date", "select", "checkbox");

    private ActionRules() {
    }

    /** A filled stage chosen for an Event action; refused with its own code. */
    record FilledStage(String pointer, String stageId) {
    }

    static List<Problem> problems(CustomAction a, Workflow workflow, List<FilledStage> filled) {
        List<Problem> p = new ArrayList<>();
        if (a.actionType() == null || !CustomAction.TYPES.contains(a.actionType())) {
            p.add(new Problem("/type", "type must be one of " + CustomAction.TYPES));
            return p;
        }
        if (a.name() == null || a.name().isBlank() || a.name().length() > 200) {
            p.add(new Problem("/name", "name must be 1 to 200 characters"));
        }
        if (a.description() == null || a.description().isBlank() || a.description().length() > 2000) {
            p.add(new Problem("/description", "description (what it does and its prerequisites, shown to users) "
                    + "must be 1 to 2000 characters"));
        }
        switch (a.actionType()) {
            case "manual" -> {
                if (a.manual() == null) {
                    p.add(new Problem("/manual", "a manual action needs display areas, permissions and a behaviour"));
                } else {
                    manual(a.manual(), p);
                }
                none(a.event(), "/event", "a manual action has no event trigger", p);
                none(a.marketplace(), "/marketplace", "only marketplace actions link a vendor", p);
            }
            case "event" -> {
                if (a.event() == null) {
                    p.add(new Problem("/event", "an event action needs a trigger: job_fill or stage_entered"));
                } else {
                    event(a.event(), workflow, p, filled);
                }
                none(a.manual(), "/manual", "an event action runs by itself and shows no button", p);
                none(a.marketplace(), "/marketplace", "only marketplace actions link a vendor", p);
            }
            default -> {
                if (a.marketplace() == null || blank(a.marketplace().vendorId())) {
                    p.add(new Problem("/marketplace/vendorId", "a marketplace action names its vendor"));
                }
                if (a.manual() != null) {
                    manual(a.manual(), p);
                }
                none(a.event(), "/event", "a marketplace action runs from a button or a stage trigger", p);
            }
        }
        return p;
    }

    private static void manual(CustomAction.Manual m, List<Problem> p) {
        if (m.displayAreas() == null || m.displayAreas().isEmpty()) {
            p.add(new Problem("/manual/displayAreas", "choose at least one display area of " + DisplayArea.ALL));
        } else {
            for (int i = 0; i < m.displayAreas().size(); i++) {
                if (m.displayAreas().get(i) == null || !DisplayArea.ALL.contains(m.displayAreas().get(i))) {
                    p.add(new Problem("/manual/displayAreas/" + i, "unknown display area '" + m.displayAreas().get(i)
                            + "'; one of " + DisplayArea.ALL));
                }
            }
        }
        if (m.permissions() == null || m.permissions().isEmpty() || m.permissions().size() > 50
                || m.permissions().stream().anyMatch(x -> blank(x) || x.length() > 100)) {
            p.add(new Problem("/manual/permissions", "list 1 to 50 security permissions (any one lets a user see and run it)"));
        }
        if (m.behaviour() == null || !BEHAVIOURS.contains(m.behaviour())) {
            p.add(new Problem("/manual/behaviour", "behaviour must be one of " + BEHAVIOURS));
            return;
        }
        if (m.behaviour().equals("popup")) {
            form(m.form(), p);
        } else if (m.form() != null) {
            p.add(new Problem("/manual/form", "only a popup has a form"));
        }
        if (m.behaviour().equals("redirect")) {
            redirect(m.redirectUrlTemplate(), p);
        } else if (m.redirectUrlTemplate() != null) {
            p.add(new Problem("/manual/redirectUrlTemplate", "only a redirect has a URL template"));
        }
    }

    private static void form(CustomAction.Form form, List<Problem> p) {
        if (form == null || form.fields() == null || form.fields().isEmpty() || form.fields().size() > 50) {
            p.add(new Problem("/manual/form/fields", "a popup asks for 1 to 50 fields"));
            return;
        }
        Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < form.fields().size(); i++) {
            CustomAction.Field f = form.fields().get(i);
            String at = "/manual/form/fields/" + i;
            if (f.name() == null || !f.name().matches("[a-zA-Z][a-zA-Z0-9_]{0,49}") || !names.add(f.name())) {
                p.add(new Problem(at + "/name", "a unique name of letters, digits and _ (1 to 50, starting with a letter)"));
            }
            if (blank(f.label()) || f.label().length() > 200) {
                p.add(new Problem(at + "/label", "a label of 1 to 200 characters"));
            }
            if (f.type() == null || !FIELD_TYPES.contains(f.type())) {
                p.add(new Problem(at + "/type", "type must be one of " + FIELD_TYPES));
            } else if (f.type().equals("select") == (f.options() == null || f.options().isEmpty())) {
                p.add(new Problem(at + "/options", f.type().equals("select") ? "a select lists its options" : "only a select has options"));
            }
        }
    }

    private static void redirect(String template, List<Problem> p) {
        RedirectTemplate.problems(template).forEach(why -> p.add(new Problem("/manual/redirectUrlTemplate", why)));
    }

    private static void event(CustomAction.EventTrigger e, Workflow workflow, List<Problem> p, List<FilledStage> filled) {
        if ("job_fill".equals(e.trigger())) {
            if (e.stageIds() != null && !e.stageIds().isEmpty()) {
                p.add(new Problem("/event/stageIds", "Job Order Fill takes no stages"));
            }
            return;
        }
        if (!"stage_entered".equals(e.trigger())) {
            p.add(new Problem("/event/trigger", "trigger must be job_fill (Job Order Fill) or stage_entered (Referral Workflow Stage)"));
            return;
        }
        if (e.stageIds() == null || e.stageIds().isEmpty()) {
            p.add(new Problem("/event/stageIds", "choose the stages that trigger it"));
            return;
        }
        for (int i = 0; i < e.stageIds().size(); i++) {
            String id = e.stageIds().get(i);
            var stage = workflow.stage(id);
            if (stage.isEmpty()) {
                p.add(new Problem("/event/stageIds/" + i, "no stage " + id + " in the tenant's workflow (PUT /v1/workflow-stages)"));
            } else if (stage.get().isFilled()) {
                filled.add(new FilledStage("/event/stageIds/" + i, id));
            }
        }
    }

    private static void none(Object section, String pointer, String why, List<Problem> p) {
        if (section != null) {
            p.add(new Problem(pointer, why));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
