package dev.ebpm.registry.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.ebpm.format.FreeText;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Every string of a JSON request body is refused when it holds a NUL character (U+0000, as a JSON escape or not):
 * PostgreSQL cannot store it in text, and no token name or reason means it. The failure is a Jackson
 * input error, which {@link ErrorMappers} answers with a 400.
 */
@Singleton
public class JsonStrings implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("ebpm-strings-without-nul").addDeserializer(String.class,
            new WithoutNul()));
    }

    static final class WithoutNul extends StdScalarDeserializer<String> {
        WithoutNul() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = StringDeserializer.instance.deserialize(p, ctxt);
            if (FreeText.hasNul(s)) {
                throw InvalidFormatException.from(p, "a string contains a NUL character (U+0000)", s, String.class);
            }
            return s;
        }
    }
}
