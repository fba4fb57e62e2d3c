package dev.ebpm.ecli.flags;

import dev.ebpm.format.flags.ProgramFlag;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ecli run PACKAGE --help}: what the program does (from its doc comment), its flags with their C
 * types, descriptions and defaults, then ecli's run options.
 */
public final class ProgramHelp {
    private static final int LEFT = 32;
    private static final List<String[]> RUN_OPTIONS = List.of(
        new String[] {"    --json", "Print events and samples as JSON lines."},
        new String[] {"    --duration <SECONDS>", "Stop after this long; 0 stops once attached (default: until Ctrl-C)."},
        new String[] {"    --iface <NAME>", "Attach tc and xdp programs to this interface."},
        new String[] {"    --ifindex <N>", "Attach tc and xdp programs to the interface with this index."},
        new String[] {"    --uprobe-binary <PATH>", "Attach uprobes to this binary instead of the package's."},
        new String[] {"    --dry-run", "Check everything, say what would be attached, load nothing."},
        new String[] {"-v, --verbose", "Show libbpf's messages on stderr."},
        new String[] {"-h, --help", "Show this help."});

    private ProgramHelp() {
    }

    public static String render(ProgramFlags flags) {
        StringBuilder b = new StringBuilder();
        b.append("Usage: ecli run ").append(flags.program()).append(" [FLAGS]\n\n");
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
                row(b, names, text);
            }
            b.append('\n');
        }
        b.append("Run options:\n");
        for (String[] o : RUN_OPTIONS) {
            row(b, o[0], o[1]);
        }
        if (flags.version() != null) {
            b.append("\n").append(flags.program()).append(' ').append(flags.version()).append('\n');
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String left, String text) {
        String l = "  " + left;
        List<String> lines = wrap(text, 100 - LEFT);
        if (l.length() >= LEFT) {
            b.append(l).append('\n').append(" ".repeat(LEFT));
        } else {
            b.append(l).append(" ".repeat(LEFT - l.length()));
        }
        b.append(lines.get(0)).append('\n');
        for (int i = 1; i < lines.size(); i++) {
            b.append(" ".repeat(LEFT)).append(lines.get(i)).append('\n');
        }
    }

    private static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                out.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        out.add(line.toString());
        return out;
    }
}
