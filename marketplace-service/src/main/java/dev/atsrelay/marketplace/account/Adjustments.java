package dev.atsrelay.marketplace.account;

import java.util.List;

/**
 * What an agency changes in a vendor's configuration when it connects (each null = the vendor's): the button's
 * name, the display areas (a subset of those the vendor allows) and the security permissions (the agency's own).
 */
public record Adjustments(String name, List<String> displayAreas, List<String> permissions) {

    static final Adjustments NONE = new Adjustments(null, null, null);

    /** These adjustments, with every member {@code newer} sets replaced. */
    Adjustments with(Adjustments newer) {
        if (newer == null) {
            return this;
        }
        return new Adjustments(newer.name() != null ? newer.name() : name,
                newer.displayAreas() != null ? newer.displayAreas() : displayAreas,
                newer.permissions() != null ? newer.permissions() : permissions);
    }
}
