package dev.ebpm.compiler.export;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header whose structs a program exports (eunomia's {@code EXPORT_EVENT_HEADER}). Every
 * {@code struct NAME {} in its text is a candidate, as in eunomia's ecc; a dummy pointer variable per
 * struct makes clang emit the struct's BTF even when the program only uses it through a cast.
 */
public record ExportHeader(List<String> structNames) {
    private static final Pattern STRUCT = Pattern.compile("struct\\s+(\\w+)\\s*\\{");
    public static final String DUMMY_PREFIX = "__eunomia_dummy_";

    public ExportHeader {
        structNames = List.copyOf(structNames);
    }

    public static ExportHeader scan(String headerText) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = STRUCT.matcher(headerText);
        while (m.find()) {
            names.add(m.group(1));
        }
        return new ExportHeader(new ArrayList<>(names));
    }

    /**
     * C declarations to include ahead of the source. A pointer to a struct that is only declared at that
     * point is valid C; the struct is completed by the time clang emits debug info.
     */
    public String dummyDeclarations() {
        StringBuilder b = new StringBuilder("/* Added by ecc: keeps the export structs in BTF. */\n");
        for (String name : structNames) {
            b.append("const volatile struct ").append(name).append(" *").append(DUMMY_PREFIX).append(name)
                .append("_ptr __attribute__((unused));\n");
        }
        return b.toString();
    }
}
