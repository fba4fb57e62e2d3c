package dev.ebpm.ecli.flags;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.btf.Btf;
import dev.ebpm.btf.BtfType;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.loader.Variables;
import dev.ebpm.ecli.values.Decoders;
import dev.ebpm.ecli.values.FlagValues;
import dev.ebpm.ecli.values.ValueException;
import dev.ebpm.elf.ElfSection;
import dev.ebpm.format.meta.DataSection;
import dev.ebpm.format.meta.ObjectMeta;
import dev.ebpm.format.meta.SkelDoc;
import dev.ebpm.format.meta.Variable;
import dev.ebpm.object.BpfObject;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The flags a package's program takes, one per global variable of its data sections (the compiler's
 * {@code __eunomia_dummy*} variables excepted): {@code --NAME VALUE}, named by {@code @cmdarg} when set,
 * with the variable's description as help and its current default shown. Bools are switches
 * ({@code --name}, or {@code --name=false}) that keep the compiled value unless given.
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
        Btf btf = object.btf();
        List<ProgramFlag> flags = new ArrayList<>();
        Map<String, String> taken = new HashMap<>();
        for (DataSection section : meta.bpfSkel().dataSections()) {
            BtfType.DataSec sec = btf.dataSec(section.name()).orElse(null);
            for (Variable v : section.variables()) {
                if (v.isDummy()) {
                    continue;
                }
                BtfType.VarSecInfo slot = sec == null ? null : slot(btf, sec, v.name());
                if (slot == null) {
                    throw EcliException.failed("bad package: data_sections[" + section.name() + "] lists variable "
                        + v.name() + ", which the object does not have");
                }
                int typeId = btf.type(slot.type(), BtfType.Var.class).type();
                String longName = v.cmdarg() != null && v.cmdarg().longName() != null ? v.cmdarg().longName() : v.name();
                String shortName = v.cmdarg() == null ? null : v.cmdarg().shortName();
                if (shortName != null && shortName.length() != 1) {
                    throw EcliException.failed("bad package: variable " + v.name() + ": @cmdarg short name \""
                        + shortName + "\" must be one character");
                }
                claim(taken, "--" + longName, v.name());
                if (shortName != null) {
                    claim(taken, "-" + shortName, v.name());
                }
                String help = v.cmdarg() != null && v.cmdarg().help() != null ? v.cmdarg().help() : v.description();
                flags.add(new ProgramFlag(v, typeId, longName, shortName, btf.typeNameWithoutModifiers(typeId),
                    isBool(btf, typeId), defaultText(btf, object, section.name(), slot, v, typeId),
                    help != null ? help : "Set " + v.name() + " (" + btf.typeNameWithoutModifiers(typeId) + ")"));
            }
        }
        return new ProgramFlags(flags, btf, meta.bpfSkel().doc(), program);
    }

    private static void claim(Map<String, String> taken, String flag, String variable) {
        String other = taken.put(flag, variable);
        if (other != null) {
            throw EcliException.failed("bad package: variables " + other + " and " + variable + " both use the flag "
                + flag);
        }
    }

    private static BtfType.VarSecInfo slot(Btf btf, BtfType.DataSec sec, String name) {
        for (BtfType.VarSecInfo info : sec.vars()) {
            if (btf.type(info.type()).name().equals(name)) {
                return info;
            }
        }
        return null;
    }

    private static boolean isBool(Btf btf, int typeId) {
        return btf.resolve(typeId) instanceof BtfType.Int i && (i.isBool() || btf.skipModifiers(typeId).name()
            .equals("bool"));
    }

    /** The value the variable has when its flag is not given: the package's, else what was compiled in. */
    private static String defaultText(Btf btf, BpfObject object, String section, BtfType.VarSecInfo slot, Variable v,
                                      int typeId) {
        Optional<JsonNode> configured = Variables.chosen(v, Map.of());
        if (configured.isPresent()) {
            JsonNode n = configured.get();
            return n.isTextual() ? n.asText() : n.toString();
        }
        try {
            ElfSection elfSection = object.elf().section(section).orElse(null);
            ByteBuffer data = elfSection == null || !elfSection.hasFileData()
                ? ByteBuffer.allocate((int) (slot.offset() + slot.size()))
                : object.elf().data(elfSection);
            return Decoders.of(btf, typeId).text(data.order(ByteOrder.LITTLE_ENDIAN), (int) slot.offset());
        } catch (RuntimeException e) {
            return null;
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
