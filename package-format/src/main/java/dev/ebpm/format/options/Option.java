package dev.ebpm.format.options;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One command-line option: its spellings ({@code -o}, {@code --output}), the label of its value (null for a
 * switch), its help, and what it does to the settings being built ({@code apply} gets null for a switch).
 * {@code apply} checks the value and throws {@link UsageException} naming the option when it is bad, so a
 * value is checked the same way wherever on the command line it was given.
 */
public record Option<T>(List<String> names, String label, String help, BiConsumer<T, String> apply) {
    public Option {
        names = List.copyOf(names);
        if (names.isEmpty() || names.stream().anyMatch(n -> !n.startsWith("-") || n.equals("-") || n.equals("--"))) {
            throw new IllegalArgumentException("option names start with - or --: " + names);
        }
    }

    /** A switch: {@code names} is a comma-separated list such as {@code "-v, --verbose"}. */
    public static <T> Option<T> flag(String names, String help, Consumer<T> set) {
        return new Option<>(split(names), null, help, (target, ignored) -> set.accept(target));
    }

    /** An option with a value, shown in help as {@code --name LABEL}. */
    public static <T> Option<T> value(String names, String label, String help, BiConsumer<T, String> set) {
        return new Option<>(split(names), label, help, set);
    }

    public boolean takesValue() {
        return label != null;
    }

    /** The longest spelling, which picocli and messages use. */
    public String longName() {
        return names.get(names.size() - 1);
    }

    /** {@code -o, --output DIR} as help shows it. */
    public String display() {
        return String.join(", ", names) + (label == null ? "" : " " + label);
    }

    /** Split by hand: a regular expression per option would be compiled at every start of a command. */
    private static List<String> split(String names) {
        List<String> out = new java.util.ArrayList<>(2);
        int from = 0;
        for (int comma = names.indexOf(','); comma >= 0; comma = names.indexOf(',', from)) {
            out.add(names.substring(from, comma).strip());
            from = comma + 1;
        }
        out.add(names.substring(from).strip());
        return out;
    }
}
