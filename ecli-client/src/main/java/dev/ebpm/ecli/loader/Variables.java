package dev.ebpm.ecli.loader;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.format.btf.Btf;
import dev.ebpm.format.btf.BtfType;
import dev.ebpm.format.meta.DataSection;
import dev.ebpm.format.meta.ObjectMeta;
import dev.ebpm.format.meta.Variable;
import dev.ebpm.format.object.BpfObject;
import dev.ebpm.format.object.ObjectNames;
import dev.ebpm.format.values.Encoder;
import dev.ebpm.format.values.ValueException;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the program's global variables into its data sections before load. Each variable gets, in order
 * of precedence: the value of its command-line flag, the {@code value} in the package (which a user may
 * edit), its {@code @cmdarg} default, or else what the object was compiled with.
 */
public final class Variables {
    private Variables() {
    }

    /** The value a variable starts with, or empty to keep the compiled one. */
    public static Optional<JsonNode> chosen(Variable v, Map<String, JsonNode> flags) {
        if (flags.containsKey(v.name())) {
            return Optional.of(flags.get(v.name()));
        }
        return v.configuredValue();
    }

    public static void write(OpenObject open, ObjectMeta meta, BpfObject object, Map<String, JsonNode> flags) {
        Btf btf = object.btf();
        String objName = meta.bpfSkel().objName();
        for (DataSection section : meta.bpfSkel().dataSections()) {
            ByteBuffer data = null;
            for (Variable v : section.variables()) {
                Optional<JsonNode> value = chosen(v, flags);
                if (v.isDummy() || value.isEmpty()) {
                    continue;
                }
                BtfType.VarSecInfo slot = slot(btf, section.name(), v.name());
                if (data == null) {
                    data = open.initialValue(ObjectNames.internalMapName(objName, section.name()));
                }
                if (slot.offset() + slot.size() > data.capacity()) {
                    throw EcliException.failed("bad package: variable " + v.name() + " lies outside " + section.name());
                }
                try {
                    Encoder.write(btf, btf.type(slot.type(), BtfType.Var.class).type(), value.get(), data,
                        (int) slot.offset(), "variable " + v.name());
                } catch (ValueException e) {
                    throw EcliException.failed("bad value: " + e.getMessage());
                }
            }
        }
    }

    private static BtfType.VarSecInfo slot(Btf btf, String section, String variable) {
        BtfType.DataSec sec = btf.dataSec(section).orElseThrow(() -> EcliException.failed("bad package: data "
            + "section " + section + " is not in the object"));
        for (BtfType.VarSecInfo info : sec.vars()) {
            if (btf.type(info.type()).name().equals(variable)) {
                return info;
            }
        }
        throw EcliException.failed("bad package: data_sections[" + section + "] lists variable " + variable
            + ", which the object does not have");
    }
}
