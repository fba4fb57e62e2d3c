package dev.ebpm.ecli.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every option of ecli is declared once: in one option table (a table refuses a spelling twice), from which
 * picocli's spec, the parsing after a package and the help all come. This fails if an option is declared
 * twice, or spelled out anywhere else as an option.
 */
class OptionsDeclaredOnceTest {
    private static final Pattern LITERAL = Pattern.compile("\"((?:\\\\.|[^\"\\\\])*)\"");
    private static final Pattern OPTION = Pattern.compile("--?[A-Za-z][A-Za-z0-9-]*");

    private static CommandLine root() {
        PrintStream sink = new PrintStream(PrintStream.nullOutputStream());
        return Ecli.commandLine(sink, sink);
    }

    private static void walk(CommandLine cl, List<CommandLine> into) {
        into.add(cl);
        cl.getSubcommands().values().forEach(sub -> walk(sub, into));
    }

    @Test
    void eachCommandTakesExactlyTheOptionsOfItsTable() {
        List<CommandLine> all = new ArrayList<>();
        walk(root(), all);
        PrintStream sink = new PrintStream(PrintStream.nullOutputStream());
        Map<String, BaseCommand<?>> byName = new HashMap<>();
        for (BaseCommand<?> c : List.of(new RunCommand(sink, sink), new PullCommand(sink, sink),
            new PushCommand(sink, sink), new SearchCommand(sink, sink), new InfoCommand(sink, sink),
            new LoginCommand(sink, sink), new LogoutCommand(sink, sink), new CacheCommand(sink, sink))) {
            byName.put(c.name(), c);
            c.subcommands().forEach(s -> byName.put(c.name() + " " + s.name(), s));
        }
        for (CommandLine cl : all.subList(1, all.size())) {
            String qualified = cl.getCommandSpec().qualifiedName().substring("ecli ".length());
            Set<String> spec = new TreeSet<>();
            for (OptionSpec o : cl.getCommandSpec().options()) {
                spec.addAll(List.of(o.names()));
            }
            BaseCommand<?> command = byName.get(qualified);
            if (command == null) {
                continue;
            }
            Set<String> table = new TreeSet<>();
            command.options().options().forEach(o -> table.addAll(o.names()));
            assertThat(spec).as(qualified).isEqualTo(table);
        }
    }

    @Test
    void noOptionIsSpelledOutInTwoSourceFiles() throws IOException {
        Map<String, Set<Path>> declaredIn = new HashMap<>();
        Path main = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(main)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String token : optionTokens(f)) {
                    declaredIn.computeIfAbsent(token, k -> new HashSet<>()).add(main.relativize(f));
                }
            }
        }
        Set<String> everyOption = new TreeSet<>();
        List<CommandLine> all = new ArrayList<>();
        walk(root(), all);
        for (CommandLine cl : all.subList(1, all.size())) {
            cl.getCommandSpec().options().forEach(o -> everyOption.addAll(List.of(o.names())));
        }
        // Two options that share a spelling but not a meaning, each declared once: pull's --output is the file
        // it writes, run's the format it prints in.
        Map<String, Integer> distinct = Map.of("--output", 2);
        for (String option : everyOption) {
            assertThat(declaredIn.getOrDefault(option, Set.of())).as("the files spelling out " + option)
                .hasSizeLessThanOrEqualTo(distinct.getOrDefault(option, 1));
        }
        assertThat(declaredIn.get("--duration")).containsExactly(Path.of("dev/ebpm/ecli/options/RunOptions.java"));
    }

    /** String literals, or their comma-separated parts, that are exactly an option's spelling. */
    private static List<String> optionTokens(Path file) {
        try {
            List<String> out = new ArrayList<>();
            Matcher m = LITERAL.matcher(Files.readString(file));
            while (m.find()) {
                for (String part : m.group(1).split(",\\s*")) {
                    if (OPTION.matcher(part).matches()) {
                        out.add(part);
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
