package dev.ebpm.ecli.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ebpm.format.values.Decoder;
import dev.ebpm.format.values.Decoders;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Events as JSON lines: one object per event with the struct's field names, in the struct's order. When
 * more than one map prints, each object also says which, as {@code "_map"}. A record
 * shorter than its struct has the fields that arrived (a cut {@code char[]} or array as far as it goes)
 * and no key for a field wholly past its end.
 */
public final class JsonEvents implements EventPrinter {
    private static final JsonFactory JSON = new JsonFactory();
    private final Output out;
    private final Map<String, EventLayout> layouts = new HashMap<>();
    private final boolean showMap;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
    private final JsonGenerator generator;

    /** {@code showMap}: each object says which map it came from (more than one map prints). */
    public JsonEvents(Output out, List<EventLayout> layouts, boolean showMap) {
        this.out = out;
        this.showMap = showMap;
        for (EventLayout l : layouts) {
            this.layouts.put(l.map(), l);
        }
        try {
            this.generator = JSON.createGenerator(buffer, JsonEncoding.UTF8);
            generator.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void start() {
        // JSON lines have no header.
    }

    @Override
    public synchronized void event(String map, ByteBuffer data, int offset, int size) {
        Decoders.Composite decoder = layouts.get(map).decoder();
        buffer.reset();
        try {
            generator.writeStartObject();
            if (showMap) {
                generator.writeStringField("_map", map);
            }
            boolean partial = decoder.partial(size);
            List<Decoders.Field> fields = decoder.fields();
            for (int i = 0; i < fields.size(); i++) {
                Decoders.Field f = fields.get(i);
                Decoder d = partial ? decoder.field(i, size) : f.decoder();
                if (d != null) {
                    generator.writeFieldName(f.name());
                    d.writeJson(data, offset + f.offset(), generator);
                }
            }
            generator.writeEndObject();
            generator.writeRaw('\n');
            generator.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.bytes(stream -> {
            try {
                buffer.writeTo(stream);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
