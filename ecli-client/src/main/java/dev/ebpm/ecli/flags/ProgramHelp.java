package dev.ebpm.ecli.flags;

import dev.ebpm.format.flags.ProgramFlag;
import dev.ebpm.format.options.OptionTable;

/**
 * {@code ecli run PACKAGE --help}: what the program does (from its doc comment), its flags with their C
 * types, descriptions and defaults, then ecli's own options on a run line, from the table that parses them.
 */
public final class ProgramHelp {
    private static final int LEFT = 32;
    private static final int WIDTH = 100;

    private ProgramHelp() {
    }

    public static String render(ProgramFlags flags, OptionTable<?> ecliOptions) {
        StringBuilder b = new StringBuilder();
        b.append("Usage: ecli run ").append(flags.program()).append(" [FLAGS] [-- PROGRAM FLAGS]\n\n");
        if (flags.description() != null) {
            b.append(flags.description()).append("\n\n");
        }
        if (flags.details() != null) {
            b.append(flags.details()).append("\n\n");
        }
        if (!flags.flags().isEmpty()) {
            b.append("Program flags:\n");
            for (ProgramFlag f : flags.flags()) {
                String names = (f.shortName() != null ? "-" + f.shortName() + ", " : "    ") + "--" + f.longName()
                    + (f.isSwitch() ? "[=<true|false>]" : " <" + f.cType() + ">");
                String text = f.description() + (f.defaultText() == null || f.defaultText().isEmpty() ? ""
                    : " (default: " + f.defaultText() + ")");
                if (shadowed(f, ecliOptions)) {
                    text += " [ecli has an option of this name: give this flag after --]";
                }
                OptionTable.row(b, names, text, LEFT, WIDTH);
            }
            b.append('\n');
        }
        b.append("ecli's options (before or after the package; after --, every flag is the program's):\n");
        b.append(ecliOptions.help(LEFT, WIDTH));
        if (flags.version() != null) {
            b.append("\n").append(flags.program()).append(' ').append(flags.version()).append('\n');
        }
        return b.toString();
    }

    private static boolean shadowed(ProgramFlag f, OptionTable<?> ecliOptions) {
        return ecliOptions.find("--" + f.longName()).isPresent()
            || f.shortName() != null && ecliOptions.find("-" + f.shortName()).isPresent();
    }
}
