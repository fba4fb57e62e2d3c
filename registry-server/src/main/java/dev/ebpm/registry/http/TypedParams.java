package dev.ebpm.registry.http;

import dev.ebpm.format.Digest;
import dev.ebpm.format.reference.PackageName;
import dev.ebpm.format.reference.SemVer;
import dev.ebpm.format.reference.TagName;
import dev.ebpm.registry.error.ApiException;
import dev.ebpm.registry.error.ErrorCode;
import dev.ebpm.registry.reference.Inputs;
import dev.ebpm.registry.reference.ManifestRef;
import dev.ebpm.registry.reference.VersionRef;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.function.Function;

/**
 * Path and query parameters parsed into typed values before a resource runs: package names, versions,
 * tags, version-or-tag and OCI manifest references, digests, and whole numbers (paging). JAX-RS turns a
 * failed path or query conversion into a 404, and RESTEasy Reactive passes on only a
 * WebApplicationException as it is, so a failure travels as one wrapping the 400 {@link ApiException}
 * that {@link ErrorMappers} then answers with.
 */
@Provider
public class TypedParams implements ParamConverterProvider {
    private static final Map<Class<?>, Function<String, ?>> PARSERS = Map.of(
        PackageName.class, Inputs::name,
        SemVer.class, Inputs::version,
        TagName.class, Inputs::tag,
        // An empty query parameter (a form's blank field, ?version=) means the parameter was not given.
        VersionRef.class, text -> text == null || text.isBlank() ? null : VersionRef.parse(text),
        ManifestRef.class, ManifestRef::parse,
        Digest.class, Inputs::digest,
        Integer.class, TypedParams::number,
        Long.class, TypedParams::longNumber);

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        Function<String, ?> parser = PARSERS.get(rawType);
        if (parser == null) {
            return null;
        }
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                try {
                    return (T) parser.apply(value);
                } catch (ApiException e) {
                    throw new WebApplicationException(e, e.status());
                }
            }

            @Override
            public String toString(T value) {
                return value.toString();
            }
        };
    }

    private static Long longNumber(String text) {
        if (text == null || !text.matches("-?[0-9]{1,18}")) {
            throw ApiException.badRequest(ErrorCode.BAD_REQUEST, "\"" + text + "\" is not a whole number");
        }
        return Long.valueOf(text);
    }

    private static Integer number(String text) {
        if (text == null || !text.matches("-?[0-9]{1,9}")) {
            throw ApiException.badRequest(ErrorCode.BAD_REQUEST, "\"" + text + "\" is not a whole number");
        }
        return Integer.valueOf(text);
    }
}
