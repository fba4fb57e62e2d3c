package dev.ebpm.ecli.flags;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.format.flags.ProgramFlag;
import dev.ebpm.format.options.OptionTable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the program's own flags: {@code --name VALUE}, {@code --name=VALUE}, {@code -n VALUE},
 * {@code -nVALUE}, and bools as switches ({@code --flag}, {@code --flag=false}). ecli's own options are
 * already taken out ({@link dev.ebpm.ecli.options.RunCommandLine}), so whatever is not a program flag here
 * is an error.
 */
public final class ProgramArgs {
    private ProgramArgs() {
    }

    /** The values given, by flag, each checked against the flag's C type. */
    public static Map<ProgramFlag, JsonNode> parse(List<String> args, ProgramFlags flags) {
        Map<ProgramFlag, JsonNode> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-") || arg.equals("-")) {
                throw EcliException.usage("unexpected argument '" + arg + "' (program flags start with --)");
            }
            String spelled = OptionTable.spellingOf(arg);
            String inline = arg.length() > spelled.length()
                ? arg.substring(spelled.length() + (arg.startsWith("--") ? 1 : 0)) : null;
            ProgramFlag f = flags.byName(spelled).orElseThrow(() -> EcliException.usage("unknown flag '" + spelled
                + "' for " + flags.program() + " (ecli run PACKAGE --help lists them)"));
            if (f.isSwitch()) {
                values.put(f, inline == null ? BooleanNode.TRUE : flags.value(f, inline, spelled));
                continue;
            }
            if (inline == null) {
                if (i + 1 >= args.size()) {
                    throw EcliException.usage(spelled + " needs a value: <" + f.cType() + ">");
                }
                inline = args.get(++i);
            }
            values.put(f, flags.value(f, inline, spelled));
        }
        return values;
    }
}
