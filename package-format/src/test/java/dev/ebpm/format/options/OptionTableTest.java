package dev.ebpm.format.options;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionTableTest {
    static final class Settings {
        final List<String> seen = new ArrayList<>();
    }

    private static final OptionTable<Settings> TABLE = OptionTable.of(
        Option.flag("-v, --verbose", "Say more.", s -> s.seen.add("verbose")),
        Option.value("-o, --output", "DIR", "Where.", (s, v) -> s.seen.add("output=" + v)),
        Option.value("--count", "N", "How many.", (s, v) -> {
            if (!v.matches("\\d+")) {
                throw new UsageException("--count: expected a number, got \"" + v + "\"");
            }
            s.seen.add("count=" + v);
        }));

    @Test
    void everyFormOfAnOptionIsTaken() {
        Settings s = new Settings();
        List<String> rest = TABLE.parse(List.of("a.c", "-v", "--output", "x", "-oy", "--output=z", "--count=3",
            "b.h"), s);
        assertThat(rest).containsExactly("a.c", "b.h");
        assertThat(s.seen).containsExactly("verbose", "output=x", "output=y", "output=z", "count=3");
    }

    @Test
    void doubleDashEndsTheOptions() {
        Settings s = new Settings();
        assertThat(TABLE.parse(List.of("-v", "--", "-o", "--count"), s)).containsExactly("-o", "--count");
        assertThat(s.seen).containsExactly("verbose");
    }

    @Test
    void badCommandLinesAreOneLineErrors() {
        assertThatThrownBy(() -> TABLE.parse(List.of("--nope"), new Settings()))
            .isInstanceOf(UsageException.class).hasMessage("unknown option '--nope'");
        assertThatThrownBy(() -> TABLE.parse(List.of("--output"), new Settings()))
            .hasMessage("option '--output' needs a value: DIR");
        assertThatThrownBy(() -> TABLE.parse(List.of("--verbose=yes"), new Settings()))
            .hasMessage("option '--verbose' takes no value");
        assertThatThrownBy(() -> TABLE.parse(List.of("--count", "many"), new Settings()))
            .hasMessage("--count: expected a number, got \"many\"");
    }

    @Test
    void takeLeavesWhatIsNotItsOwn() {
        Settings s = new Settings();
        List<String> args = List.of("--pid", "4", "--count", "2");
        assertThat(TABLE.take(args, 0, s)).isZero();
        assertThat(TABLE.take(args, 2, s)).isEqualTo(2);
        assertThat(s.seen).containsExactly("count=2");
    }

    @Test
    void anOptionCannotBeDeclaredTwice() {
        assertThatThrownBy(() -> OptionTable.<Settings>of(Option.flag("--json", "a", s -> { }),
            Option.flag("-j, --json", "b", s -> { }))).hasMessage("option --json is declared twice");
        OptionTable<Settings> other = OptionTable.of(Option.flag("-v", "again", s -> { }));
        assertThatThrownBy(() -> TABLE.plus(other)).hasMessage("option -v is declared twice");
    }

    @Test
    void helpListsEveryOptionOnce() {
        String help = TABLE.help(24, 80);
        assertThat(help).contains("  -v, --verbose         Say more.\n").contains("  -o, --output DIR      Where.\n")
            .contains("      --count N         How many.\n");
    }
}
