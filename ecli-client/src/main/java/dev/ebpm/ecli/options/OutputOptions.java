package dev.ebpm.ecli.options;

import dev.ebpm.format.options.Option;
import dev.ebpm.format.options.OptionTable;

/** How results are printed: tables for people, or JSON for programs. */
public final class OutputOptions {
    public static final OptionTable<OutputOptions> TABLE = OptionTable.of(
        Option.flag("--json", "Print JSON instead of tables: for a run, one object per event or sample, per line.",
            o -> o.json = true));

    private boolean json;

    public boolean json() {
        return json;
    }
}
