package dev.ebpm.compiler.doc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.json.JsonFields;
import dev.ebpm.format.meta.BpfSkel;
import dev.ebpm.format.meta.CmdArg;
import dev.ebpm.format.meta.DataSection;
import dev.ebpm.format.meta.ExportConfig;
import dev.ebpm.format.meta.Interpreter;
import dev.ebpm.format.meta.MapMeta;
import dev.ebpm.format.meta.MapMetric;
import dev.ebpm.format.meta.MapStacks;
import dev.ebpm.format.meta.MapSample;
import dev.ebpm.format.meta.ProgMeta;
import dev.ebpm.format.meta.SkelDoc;
import dev.ebpm.format.meta.Variable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Merges the doc comments of a source into its skeleton, as eunomia's ecc does: a variable takes the
 * comment of its declaration; a map the comment of its declaration or of the struct declared just before
 * it ({@code /// @sample ...} above {@code struct { ... } hists SEC(".maps")}); a program the comment of
 * its function; and the comment on {@code LICENSE} becomes the program's own doc. Annotation values are
 * checked here, so a bad {@code @sample} or {@code @tchook} fails the build with its file and line.
 */
public final class DocAnnotator {
    private static final String LICENSE = "LICENSE";

    private final String sourceName;
    private final List<String> sourceLines;
    private final Map<String, SourceDecl> variables = new HashMap<>();
    private final Map<String, SourceDecl> functions = new HashMap<>();
    private final Map<String, SourceDecl> mapComments = new HashMap<>();

    private DocAnnotator(List<SourceDecl> decls, String sourceName, String sourceText) {
        this.sourceName = sourceName;
        this.sourceLines = sourceText.lines().toList();
        for (int i = 0; i < decls.size(); i++) {
            SourceDecl d = decls.get(i);
            if (d.isVariable()) {
                keepDocumented(variables, d);
                SourceDecl previous = i > 0 ? decls.get(i - 1) : null;
                if (d.comment() != null) {
                    mapComments.put(d.name(), d);
                } else if (previous != null && previous.isRecord() && previous.comment() != null) {
                    mapComments.put(d.name(), previous);
                }
            } else if (d.isFunction()) {
                keepDocumented(functions, d);
            }
        }
    }

    /**
     * A name can be declared more than once: BPF_PROG(name, ...) expands to a prototype, which carries the
     * doc comment, and then the definition. The declaration with a comment wins.
     */
    private static void keepDocumented(Map<String, SourceDecl> byName, SourceDecl d) {
        SourceDecl previous = byName.get(d.name());
        if (previous == null || previous.comment() == null && !previous.fromMacro()) {
            byName.put(d.name(), d);
        }
    }

    public static BpfSkel apply(BpfSkel skel, List<SourceDecl> decls, String sourceName, String sourceText) {
        return new DocAnnotator(decls, sourceName, sourceText).apply(skel);
    }

    private BpfSkel apply(BpfSkel skel) {
        List<DataSection> sections = new ArrayList<>();
        for (DataSection s : skel.dataSections()) {
            sections.add(s.withVariables(s.variables().stream().map(this::variable).toList()));
        }
        List<MapMeta> maps = skel.maps().stream().map(this::map).toList();
        List<ProgMeta> progs = skel.progs().stream().map(this::prog).toList();
        return skel.with(sections, maps, progs, doc(skel.doc()));
    }

    private DocComment comment(SourceDecl decl) {
        if (decl == null) {
            return null;
        }
        JsonNode full = decl.comment() != null ? decl.comment()
            : decl.fromMacro() ? RawDocComment.above(sourceLines, decl.line()) : null;
        return full == null ? null : DocCommentParser.parse(full, decl.line(), where(decl));
    }

    private String where(SourceDecl decl) {
        return sourceName + ":" + decl.line();
    }

    private Variable variable(Variable v) {
        SourceDecl decl = variables.get(v.name());
        DocComment c = comment(decl);
        if (c == null) {
            return v;
        }
        CmdArg cmdarg = v.cmdarg();
        JsonNode rawCmd = c.get("cmdarg");
        if (rawCmd != null) {
            cmdarg = checked(decl, "@cmdarg", () -> CmdArg.read(JsonFields.of(rawCmd, "@cmdarg")));
            if (cmdarg.shortName() != null && cmdarg.shortName().length() != 1) {
                throw new DocCommentException(where(decl) + ": @cmdarg short name \"" + cmdarg.shortName()
                    + "\" of " + v.name() + " must be one character");
            }
        }
        String description = c.text(DocComment.DEFAULT_KEY) != null ? c.text(DocComment.DEFAULT_KEY) : v.description();
        return v.withDoc(description, cmdarg, merged(v.extras(), c, "cmdarg", DocComment.DEFAULT_KEY));
    }

    private MapMeta map(MapMeta m) {
        SourceDecl decl = mapComments.get(m.name());
        DocComment c = comment(decl);
        if (c == null) {
            return m;
        }
        MapSample sample = m.sample();
        if (c.get("sample") != null) {
            sample = checked(decl, "@sample", () -> MapSample.read(JsonFields.of(c.get("sample"), "@sample")));
        }
        JsonNode interp = c.get("intepreter") != null ? c.get("intepreter") : c.get("interpreter");
        Interpreter interpreter = m.interpreter();
        if (interp != null) {
            interpreter = checked(decl, "@intepreter", () -> Interpreter.read(interp, "@intepreter"));
        }
        ExportConfig export = m.exportConfig();
        if (c.get("export_config") != null) {
            export = checked(decl, "@export_config", () -> ExportConfig.read(c.get("export_config"), "@export_config"));
        }
        if (c.get(MapMetric.KEY) != null) {
            checked(decl, "@metric", () -> MapMetric.read(JsonFields.of(c.get(MapMetric.KEY), "@metric")));
        }
        if (c.get(MapStacks.KEY) != null) {
            checked(decl, "@stacks", () -> MapStacks.read(JsonFields.of(c.get(MapStacks.KEY), "@stacks")));
        }
        Map<String, JsonNode> extras = merged(m.extras(), c, "sample", "intepreter", "interpreter", "export_config");
        return m.withDoc(sample, interpreter, export, extras);
    }

    private ProgMeta prog(ProgMeta p) {
        SourceDecl decl = functions.get(p.name());
        DocComment c = comment(decl);
        if (c == null) {
            return p;
        }
        ProgMeta annotated = p.withExtras(merged(p.extras(), c));
        checked(decl, "attach annotation", () -> {
            if (annotated.attach().equals("tc")) {
                annotated.tcHook();
                annotated.tcOpts();
            } else if (annotated.attach().equals("xdp")) {
                annotated.xdpOptions();
            } else if (annotated.attach().equals("perf_event")) {
                annotated.perfEvent();
            }
            return annotated;
        });
        return annotated;
    }

    private SkelDoc doc(SkelDoc existing) {
        SourceDecl decl = variables.get(LICENSE);
        DocComment c = comment(decl);
        if (c == null) {
            return existing;
        }
        Map<String, JsonNode> extras = new LinkedHashMap<>(c.entries());
        extras.keySet().removeAll(List.of("brief", "details", "version", "description"));
        return new SkelDoc(c.text("version"), c.text("brief"), c.text("details"), c.text("description"), extras);
    }

    /** The extras with every comment key set, except the keys that have their own field. */
    private static Map<String, JsonNode> merged(Map<String, JsonNode> extras, DocComment c, String... ownFields) {
        Map<String, JsonNode> out = new LinkedHashMap<>(extras);
        out.putAll(c.entries());
        for (String f : ownFields) {
            out.remove(f);
        }
        return out;
    }

    private <T> T checked(SourceDecl decl, String what, Supplier<T> read) {
        try {
            return read.get();
        } catch (PackageFormatException e) {
            throw new DocCommentException(where(decl) + ": " + what + ": " + e.getMessage());
        }
    }
}
