package dev.ebpm.format.flags;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.btf.Btf;
import dev.ebpm.format.btf.BtfType;
import dev.ebpm.format.elf.ElfSection;
import dev.ebpm.format.meta.DataSection;
import dev.ebpm.format.meta.ObjectMeta;
import dev.ebpm.format.meta.Variable;
import dev.ebpm.format.object.BpfObject;
import dev.ebpm.format.values.Decoders;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command-line flag for one of the program's global variables: its spellings, the C type it takes,
 * whether it is a switch, the default shown in help (null when none can be shown) and its description.
 * Each data-section variable except the compiler's {@code __eunomia_dummy*} ones is a flag, named by
 * {@code @cmdarg} when set; bools are switches.
 */
public record ProgramFlag(Variable variable, int typeId, String longName, String shortName, String cType,
                          boolean isSwitch, String defaultText, String description) {

    /** Every flag of the package, in data-section order; a package whose meta and object disagree is refused. */
    public static List<ProgramFlag> allOf(ObjectMeta meta, BpfObject object) {
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
                    throw new PackageFormatException("data_sections[" + section.name() + "] lists variable "
                        + v.name() + ", which the object does not have");
                }
                int typeId = btf.type(slot.type(), BtfType.Var.class).type();
                String longName = v.cmdarg() != null && v.cmdarg().longName() != null ? v.cmdarg().longName() : v.name();
                String shortName = v.cmdarg() == null ? null : v.cmdarg().shortName();
                if (shortName != null && shortName.length() != 1) {
                    throw new PackageFormatException("variable " + v.name() + ": @cmdarg short name \"" + shortName
                        + "\" must be one character");
                }
                claim(taken, "--" + longName, v.name());
                if (shortName != null) {
                    claim(taken, "-" + shortName, v.name());
                }
                String cType = btf.typeNameWithoutModifiers(typeId);
                String help = v.cmdarg() != null && v.cmdarg().help() != null ? v.cmdarg().help() : v.description();
                flags.add(new ProgramFlag(v, typeId, longName, shortName, cType, isBool(btf, typeId),
                    defaultText(btf, object, section.name(), slot, v, typeId),
                    help != null ? help : "Set " + v.name() + " (" + cType + ")"));
            }
        }
        return List.copyOf(flags);
    }

    private static void claim(Map<String, String> taken, String flag, String variable) {
        String other = taken.put(flag, variable);
        if (other != null) {
            throw new PackageFormatException("variables " + other + " and " + variable + " both use the flag " + flag);
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
        Optional<JsonNode> configured = v.configuredValue();
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
}
