package dev.ebpm.ecli.flags;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.loader.Variables;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.btf.Btf;
import dev.ebpm.format.flags.ProgramFlag;
import dev.ebpm.format.meta.ObjectMeta;
import dev.ebpm.format.meta.SkelDoc;
import dev.ebpm.format.object.BpfObject;
import dev.ebpm.format.values.FlagValues;
import dev.ebpm.format.values.ValueException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The flags of the program being run ({@link ProgramFlag#allOf}), with the program's description for help
 * and the parsing of flag values. Bools are switches ({@code --name}, or {@code --name=false}) that keep the
 * compiled default unless given.
 */
public final class ProgramFlags {
    private final List<ProgramFlag> flags;
    private final Btf btf;
    private final SkelDoc doc;
    private final String program;

    private ProgramFlags(List<ProgramFlag> flags, Btf btf, SkelDoc doc, String program) {
        this.flags = List.copyOf(flags);
        this.btf = btf;
        this.doc = doc;
        this.program = program;
    }

    public static ProgramFlags of(ObjectMeta meta, BpfObject object, String program) {
        try {
            return new ProgramFlags(ProgramFlag.allOf(meta, object), object.btf(), meta.bpfSkel().doc(), program);
        } catch (PackageFormatException e) {
            throw EcliException.failed("bad package: " + e.getMessage());
        }
    }

    public List<ProgramFlag> flags() {
        return flags;
    }

    public Optional<ProgramFlag> byName(String spelled) {
        for (ProgramFlag f : flags) {
            if (spelled.equals("--" + f.longName()) || f.shortName() != null && spelled.equals("-" + f.shortName())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Checks and converts a flag's text; a bad value is a usage error naming the flag and the type. */
    public JsonNode value(ProgramFlag flag, String text, String spelled) {
        try {
            return FlagValues.parse(btf, flag.typeId(), text, spelled);
        } catch (ValueException e) {
            throw EcliException.usage(e.getMessage());
        }
    }

    public String program() {
        return program;
    }

    /** The program's description: the doc's brief, else its description. */
    public String description() {
        return doc == null ? null : doc.summary();
    }

    public String details() {
        return doc == null ? null : doc.details();
    }

    public String version() {
        return doc == null ? null : doc.version();
    }

    /** The values given on a command line, by variable name, for {@link Variables}. */
    public static Map<String, JsonNode> byVariable(Map<ProgramFlag, JsonNode> given) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        given.forEach((f, v) -> out.put(f.variable().name(), v));
        return out;
    }
}
