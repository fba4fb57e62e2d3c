package dev.ebpm.ecli.options;

import dev.ebpm.format.options.OptionTable;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What follows the package on {@code ecli run PACKAGE ...}, split by the one precedence rule: an option
 * ecli knows (its run, output, hub and common options, by the same table picocli got) is ecli's, wherever
 * it stands; everything else is the program's; and after a lone {@code --} everything is the program's, so
 * a program flag that shares its name with one of ecli's (a global named {@code duration}, say) is given
 * there. ecli's options are taken out first, without knowing the program's flags, because the package they
 * choose (registry, pull policy) must be loaded before its flags are known.
 *
 * @param program   the program's arguments, in order ({@code --} itself removed)
 * @param taken     the spellings of ecli options given after the package before {@code --}, to warn when the
 *                  program has a flag of the same name
 */
public record RunCommandLine(List<String> program, Set<String> taken) {
    public static <T> RunCommandLine split(List<String> args, OptionTable<T> ecli, T settings) {
        List<String> program = new ArrayList<>();
        Set<String> taken = new LinkedHashSet<>();
        for (int i = 0; i < args.size(); ) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                program.addAll(args.subList(i + 1, args.size()));
                break;
            }
            int used = ecli.take(args, i, settings);
            if (used > 0) {
                taken.add(OptionTable.spellingOf(arg));
                i += used;
            } else {
                program.add(arg);
                i++;
            }
        }
        return new RunCommandLine(List.copyOf(program), Set.copyOf(taken));
    }
}
