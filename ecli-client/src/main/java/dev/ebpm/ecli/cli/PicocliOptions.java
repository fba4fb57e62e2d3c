package dev.ebpm.ecli.cli;

import dev.ebpm.ecli.options.CommonOptions;
import dev.ebpm.format.options.Option;
import dev.ebpm.format.options.OptionTable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The bridge from option tables to picocli: a table registers its options with a command's spec, and what
 * picocli matched is applied through the same table, so each option is still declared, checked and
 * described in one place.
 */
final class PicocliOptions {
    private PicocliOptions() {
    }

    static void register(CommandSpec spec, OptionTable<?> table) {
        for (Option<?> o : table.options()) {
            OptionSpec.Builder b = OptionSpec.builder(o.names().toArray(String[]::new)).description(o.help());
            if (o.names().contains(CommonOptions.HELP)) {
                b.usageHelp(true);
            } else if (o.takesValue()) {
                b.paramLabel(o.label()).type(String.class);
            }
            spec.addOption(b.build());
        }
    }

    /** Applies every option picocli matched (a repeated one by its last value); help was picocli's to show. */
    static <T> void apply(ParseResult parsed, OptionTable<T> table, T target) {
        for (Option<T> o : table.options()) {
            if (o.names().contains(CommonOptions.HELP) || !parsed.hasMatchedOption(o.longName())) {
                continue;
            }
            o.apply().accept(target, o.takesValue() ? parsed.matchedOptionValue(o.longName(), (String) null) : null);
        }
    }
}
