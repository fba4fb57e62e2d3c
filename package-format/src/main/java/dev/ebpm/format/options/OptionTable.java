package dev.ebpm.format.options;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A group of options with each spelling declared once: building a table (or joining two) with a spelling
 * twice fails at once, so a command cannot quietly take the same option from two places. Accepted forms:
 * {@code --name VALUE}, {@code --name=VALUE}, {@code -n VALUE}, {@code -nVALUE}, and switches.
 */
public final class OptionTable<T> {
    private final List<Option<T>> options;
    private final Map<String, Option<T>> byName = new HashMap<>();

    private OptionTable(List<Option<T>> options) {
        this.options = List.copyOf(options);
        for (Option<T> o : this.options) {
            for (String name : o.names()) {
                if (byName.put(name, o) != null) {
                    throw new IllegalStateException("option " + name + " is declared twice");
                }
            }
        }
    }

    @SafeVarargs
    public static <T> OptionTable<T> of(Option<T>... options) {
        return new OptionTable<>(List.of(options));
    }

    /** This table and {@code more} as one; a spelling both declare is refused. */
    public OptionTable<T> plus(OptionTable<T> more) {
        List<Option<T>> all = new ArrayList<>(options);
        all.addAll(more.options);
        return new OptionTable<>(all);
    }

    /**
     * These options applied to a part of a larger settings object: how a command composes the option
     * groups it takes, each still declared once.
     */
    public <U> OptionTable<U> on(Function<U, T> part) {
        List<Option<U>> adapted = new ArrayList<>();
        for (Option<T> o : options) {
            adapted.add(new Option<>(o.names(), o.label(), o.help(), (u, v) -> o.apply().accept(part.apply(u), v)));
        }
        return new OptionTable<>(adapted);
    }

    public List<Option<T>> options() {
        return options;
    }

    public Optional<Option<T>> find(String spelling) {
        return Optional.ofNullable(byName.get(spelling));
    }

    /** The spelling of an argument without its inline value: {@code --name=x} is {@code --name}, {@code -ox} is {@code -o}. */
    public static String spellingOf(String arg) {
        if (arg.startsWith("--")) {
            int eq = arg.indexOf('=');
            return eq < 0 ? arg : arg.substring(0, eq);
        }
        return arg.length() > 2 && arg.startsWith("-") ? arg.substring(0, 2) : arg;
    }

    /**
     * Applies {@code args[i]} to {@code target} if it is one of these options, taking the next argument as
     * its value when it needs one. Returns how many arguments it used: 0 when {@code args[i]} is not one of
     * these options (nothing is applied then).
     */
    public int take(List<String> args, int i, T target) {
        String arg = args.get(i);
        if (!arg.startsWith("-") || arg.equals("-") || arg.equals("--")) {
            return 0;
        }
        String spelled = spellingOf(arg);
        Option<T> option = byName.get(spelled);
        if (option == null) {
            return 0;
        }
        String inline = arg.length() > spelled.length() ? arg.substring(spelled.length() + (arg.startsWith("--") ? 1 : 0))
            : null;
        if (!option.takesValue()) {
            if (inline != null) {
                throw new UsageException("option '" + spelled + "' takes no value");
            }
            option.apply().accept(target, null);
            return 1;
        }
        if (inline != null) {
            option.apply().accept(target, inline);
            return 1;
        }
        if (i + 1 >= args.size()) {
            throw new UsageException("option '" + spelled + "' needs a value: " + option.label());
        }
        option.apply().accept(target, args.get(i + 1));
        return 2;
    }

    /**
     * Parses a whole command line: options anywhere, {@code --} ends them, and what is not an option is
     * returned in order. An unknown option is a {@link UsageException}.
     */
    public List<String> parse(List<String> args, T target) {
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); ) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                positional.addAll(args.subList(i + 1, args.size()));
                break;
            }
            int used = take(args, i, target);
            if (used > 0) {
                i += used;
                continue;
            }
            if (arg.startsWith("-") && !arg.equals("-")) {
                throw new UsageException("unknown option '" + spellingOf(arg) + "'");
            }
            positional.add(arg);
            i++;
        }
        return positional;
    }

    /** Help rows: each option's spellings and value in a left column of {@code left} characters, its help wrapped to {@code width}. */
    public String help(int left, int width) {
        StringBuilder b = new StringBuilder();
        for (Option<T> o : options) {
            // Long-only options line up with the long names of those that also have a short one.
            row(b, (o.names().get(0).startsWith("--") ? "    " : "") + o.display(), o.help(), left, width);
        }
        return b.toString();
    }

    /** One help row in the layout {@link #help} uses, for rows that are not options of a table. */
    public static void row(StringBuilder b, String leftText, String text, int left, int width) {
        String l = "  " + leftText;
        if (l.length() >= left) {
            b.append(l).append('\n').append(" ".repeat(left));
        } else {
            b.append(l).append(" ".repeat(left - l.length()));
        }
        List<String> lines = wrap(text, Math.max(20, width - left));
        b.append(lines.get(0)).append('\n');
        for (int i = 1; i < lines.size(); i++) {
            b.append(" ".repeat(left)).append(lines.get(i)).append('\n');
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
