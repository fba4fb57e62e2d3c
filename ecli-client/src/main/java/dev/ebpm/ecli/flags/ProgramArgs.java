package dev.ebpm.ecli.flags;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.run.RunOptions;
import dev.ebpm.format.flags.ProgramFlag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses what follows the package on {@code ecli run PACKAGE ...}: the program's flags, and ecli's own
 * run options, which may come after the package too ({@code --duration 5}). A program flag with the same
 * spelling as a run option wins there; the run option can still be given before the package.
 */
public final class ProgramArgs {
    private final Map<ProgramFlag, JsonNode> values = new LinkedHashMap<>();
    private boolean help;

    private ProgramArgs() {
    }

    public Map<ProgramFlag, JsonNode> values() {
        return values;
    }

    /** True when {@code --help} came after the package: show the program's flags. */
    public boolean help() {
        return help;
    }

    public static ProgramArgs parse(List<String> args, ProgramFlags flags, RunOptions run) {
        ProgramArgs out = new ProgramArgs();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-") || arg.equals("-")) {
                throw EcliException.usage("unexpected argument '" + arg + "' (program flags start with --)");
            }
            String spelled = arg;
            String inline = null;
            if (arg.startsWith("--") && arg.contains("=")) {
                spelled = arg.substring(0, arg.indexOf('='));
                inline = arg.substring(arg.indexOf('=') + 1);
            } else if (!arg.startsWith("--") && arg.length() > 2) {
                spelled = arg.substring(0, 2);
                inline = arg.substring(2);
            }
            var flag = flags.byName(spelled);
            if (flag.isPresent()) {
                ProgramFlag f = flag.get();
                if (f.isSwitch()) {
                    out.values.put(f, inline == null ? BooleanNode.TRUE : flags.value(f, inline, spelled));
                    continue;
                }
                String text = inline != null ? inline : next(args, ++i, spelled, "<" + f.cType() + ">");
                out.values.put(f, flags.value(f, text, spelled));
                continue;
            }
            int consumed = runOption(args, i, spelled, inline, run, out);
            if (consumed < 0) {
                throw EcliException.usage("unknown flag '" + spelled + "' for " + flags.program()
                    + " (ecli run PACKAGE --help lists them)");
            }
            i += consumed;
        }
        return out;
    }

    /** Applies one of ecli's run options; returns how many extra arguments it used, or -1 if it is none. */
    private static int runOption(List<String> args, int i, String spelled, String inline, RunOptions run,
                                 ProgramArgs out) {
        switch (spelled) {
            case "-h", "--help" -> {
                out.help = true;
                return 0;
            }
            case "--json" -> {
                run.json = true;
                return 0;
            }
            case "--dry-run" -> {
                run.dryRun = true;
                return 0;
            }
            case "-v", "--verbose" -> {
                run.verbose = true;
                return 0;
            }
            case "--duration" -> {
                String v = inline != null ? inline : next(args, i + 1, spelled, "SECONDS");
                run.durationSeconds = RunOptionValues.duration(v);
                return inline != null ? 0 : 1;
            }
            case "--ifindex" -> {
                String v = inline != null ? inline : next(args, i + 1, spelled, "N");
                run.ifindex = RunOptionValues.ifindex(v);
                return inline != null ? 0 : 1;
            }
            case "--iface" -> {
                run.iface = inline != null ? inline : next(args, i + 1, spelled, "NAME");
                return inline != null ? 0 : 1;
            }
            case "--uprobe-binary" -> {
                run.uprobeBinary = inline != null ? inline : next(args, i + 1, spelled, "PATH");
                return inline != null ? 0 : 1;
            }
            default -> {
                return -1;
            }
        }
    }

    private static String next(List<String> args, int i, String flag, String label) {
        if (i >= args.size()) {
            throw EcliException.usage(flag + " needs a value: " + label);
        }
        return args.get(i);
    }
}
