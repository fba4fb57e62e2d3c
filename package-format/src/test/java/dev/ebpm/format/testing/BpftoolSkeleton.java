package dev.ebpm.format.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code bpftool gen skeleton} (built on the machine's libbpf) says about an object: the independent
 * oracle the skeleton tests compare ecc's Java-derived metadata with.
 */
public record BpftoolSkeleton(List<String> maps, List<String> mmapedIdents, List<String> progs,
                              Map<String, List<String>> dataSectionVariables) {
    public static BpftoolSkeleton of(Path object, String objName) {
        String header = Commands.run(List.of("bpftool", "gen", "skeleton", object.toString(), "name", objName));
        // bpftool 7.1 writes s->maps[i].name = ...; 7.5 writes map->name = ... for each map in turn.
        return new BpftoolSkeleton(all(header, "(?:s->maps\\[\\d+\\]\\.|map->)name = \"([^\"]+)\""),
            all(header, "(?:s->maps\\[\\d+\\]\\.|map->)mmaped = \\(void \\*\\*\\)&obj->(\\w+);"),
            all(header, "s->progs\\[\\d+\\]\\.name = \"([^\"]+)\""), dataStructs(header, objName));
    }

    private static List<String> all(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The members of the generated {@code struct <obj>__rodata} etc., padding left out, keyed by identifier. */
    private static Map<String, List<String>> dataStructs(String header, String objName) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("struct " + objName + "__(\\w+) \\{\\n(.*?)\\n\\t} \\*\\w+;", Pattern.DOTALL)
            .matcher(header);
        while (m.find()) {
            List<String> vars = new ArrayList<>();
            for (String line : m.group(2).split("\n")) {
                Matcher name = Pattern.compile("(\\w+)(\\[\\d+\\])*;\\s*$").matcher(line);
                if (name.find() && !name.group(1).startsWith("__pad")) {
                    vars.add(name.group(1));
                }
            }
            out.put(m.group(1), vars);
        }
        return out;
    }
}
