package dev.atsrelay.config.run;

import dev.atsrelay.config.api.InvalidField;
import dev.atsrelay.config.api.InvalidField.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What makes a buttons query or a run request readable; every problem with its JSON pointer. Pure. */
final class RunRules {

    static final int MAX_PERMISSIONS = 1000;
    static final int MAX_ID = 100;

    private RunRules() {
    }

    /** The user and their permissions (a user may hold none). */
    static List<Problem> user(UserRef user, List<String> permissions) {
        List<Problem> p = new ArrayList<>();
        if (user == null || user.userId() == null || user.userId().isBlank() || user.userId().length() > MAX_ID) {
            p.add(new Problem("/user/userId", "the user's id, 1 to " + MAX_ID + " characters"));
        }
        if (user != null && user.name() != null && user.name().length() > 200) {
            p.add(new Problem("/user/name", "the user's name has at most 200 characters"));
        }
        if (permissions != null) {
            if (permissions.size() > MAX_PERMISSIONS) {
                p.add(new Problem("/permissions", "at most " + MAX_PERMISSIONS + " permissions"));
            } else {
                for (int i = 0; i < permissions.size(); i++) {
                    String s = permissions.get(i);
                    if (s == null || s.isBlank() || s.length() > MAX_ID) {
                        p.add(new Problem("/permissions/" + i, "a permission has 1 to " + MAX_ID + " characters"));
                    }
                }
            }
        }
        return p;
    }

    /** A run request: the user, and 1 to {@code max} distinct records. Too many records is its own problem (400). */
    static void checkRun(UserRef user, List<String> permissions, List<RecordRef> records, int max) {
        if (records != null && records.size() > max) {
            throw new TooManyRecords(records.size(), max);
        }
        List<Problem> p = user(user, permissions);
        if (records == null || records.isEmpty()) {
            p.add(new Problem("/records", "name the records to run the action on: 1 to " + max));
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < records.size(); i++) {
                RecordRef r = records.get(i);
                String at = "/records/" + i;
                if (r == null || !id(r.recordId())) {
                    p.add(new Problem(at + "/recordId", "a record id of 1 to " + MAX_ID + " characters"));
                    continue;
                }
                if (!seen.add(r.recordId())) {
                    p.add(new Problem(at + "/recordId", "record " + r.recordId() + " is listed twice"));
                }
                if (r.jobId() != null && !id(r.jobId())) {
                    p.add(new Problem(at + "/jobId", "a job id of 1 to " + MAX_ID + " characters"));
                }
                if (r.candidateId() != null && !id(r.candidateId())) {
                    p.add(new Problem(at + "/candidateId", "a candidate id of 1 to " + MAX_ID + " characters"));
                }
            }
        }
        InvalidField.check(p);
    }

    private static boolean id(String s) {
        return s != null && !s.isBlank() && s.length() <= MAX_ID;
    }
}
