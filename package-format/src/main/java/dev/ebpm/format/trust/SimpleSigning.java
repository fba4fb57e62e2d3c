package dev.ebpm.format.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.Digest;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.json.JsonFields;

/**
 * cosign's signed payload ("simple signing", media type {@value #MEDIA_TYPE}): the manifest digest it vouches
 * for in {@code critical.image.docker-manifest-digest}, the repository in {@code critical.identity}, and free
 * {@code optional} claims. The signature covers these exact bytes, so parsed payloads keep them.
 */
public record SimpleSigning(String dockerReference, Digest manifestDigest, JsonNode optional, byte[] bytes) {
    public static final String MEDIA_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";
    public static final String TYPE = "cosign container image signature";
    /** cosign's payloads are a few hundred bytes; optional claims may add some. */
    public static final int MAX_SIZE = 64 * 1024;

    /** A new payload, in the key order cosign writes. */
    public static SimpleSigning of(String dockerReference, Digest manifestDigest, JsonNode optional) {
        ObjectNode root = Json.object();
        ObjectNode critical = root.putObject("critical");
        critical.putObject("identity").put("docker-reference", dockerReference);
        critical.putObject("image").put("docker-manifest-digest", manifestDigest.toString());
        critical.put("type", TYPE);
        root.set("optional", optional == null ? Json.NODES.nullNode() : optional);
        byte[] bytes = Json.canonical(root); // sorted keys: the order cosign writes too
        return new SimpleSigning(dockerReference, manifestDigest, optional, bytes);
    }

    public static SimpleSigning parse(byte[] bytes) {
        if (bytes.length > MAX_SIZE) {
            throw new PackageFormatException("the signed payload is " + bytes.length + " bytes, over " + MAX_SIZE);
        }
        JsonFields root;
        try {
            root = JsonFields.of(Json.parse(bytes), "payload");
        } catch (PackageFormatException e) {
            throw new PackageFormatException("the signed payload is not JSON: " + e.getMessage());
        }
        JsonFields critical = root.requiredObject("critical");
        String type = critical.requiredString("type");
        if (!type.equalsIgnoreCase(TYPE)) {
            throw critical.invalid("type", "expected \"" + TYPE + "\", found \"" + type + "\"");
        }
        JsonFields identity = critical.object("identity");
        Digest digest = critical.requiredObject("image").requiredDigest("docker-manifest-digest");
        JsonNode optional = root.raw("optional");
        return new SimpleSigning(identity == null ? null : identity.string("docker-reference"), digest,
            optional == null || optional.isNull() ? null : optional, bytes.clone());
    }
}
