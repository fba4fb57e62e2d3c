package dev.ebpm.ecli.output;

import dev.ebpm.format.values.Decoder;
import dev.ebpm.format.values.Decoders;

import java.util.List;

/** How a sampled map's key and value split into fields, for the printer and the metrics alike. */
public final class SampleFields {
    private SampleFields() {
    }

    /** The value's {@code slots} array of integers, which makes it a histogram; null when it has none. */
    public static Decoders.Field slots(Decoder value) {
        if (value instanceof Decoders.Composite c) {
            for (Decoders.Field f : c.fields()) {
                if (f.name().equals("slots") && f.decoder() instanceof Decoders.ArrayValue a
                    && a.element() instanceof Decoders.Int) {
                    return f;
                }
            }
        }
        return null;
    }

    /** A struct's fields, or a scalar as one field named {@code scalarName} (its C type, as eunomia names it). */
    public static List<Decoders.Field> of(Decoder d, String scalarName) {
        if (d instanceof Decoders.Composite c) {
            return c.fields();
        }
        return List.of(new Decoders.Field(scalarName, 0, d));
    }
}
