package dev.ebpm.ecli.output;

import java.util.Locale;

/**
 * Table headers: a field's name in upper case, or {@code OWNER.NAME} when that would repeat one of ecli's
 * own columns ({@code TIME}, and {@code MAP} when it is shown), so no header appears twice.
 */
final class ColumnNames {
    private ColumnNames() {
    }

    static String header(String field, String owner, boolean mapColumn) {
        String name = field.toUpperCase(Locale.ROOT);
        boolean taken = name.equals("TIME") || mapColumn && name.equals("MAP");
        return taken ? owner.toUpperCase(Locale.ROOT) + "." + name : name;
    }
}
