package dev.ebpm.format.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebpm.format.Digest;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.json.JsonFields;

/** Names a blob by media type, digest and size, as an OCI descriptor does. */
public record BlobDescriptor(String mediaType, Digest digest, long size) {
    public static BlobDescriptor of(String mediaType, byte[] content) {
        return new BlobDescriptor(mediaType, Digest.sha256(content), content.length);
    }

    static BlobDescriptor read(JsonFields f) {
        return new BlobDescriptor(f.requiredString("mediaType"), f.requiredDigest("digest"),
            f.requiredInteger("size", 0, Long.MAX_VALUE));
    }

    ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("mediaType", mediaType);
        o.put("digest", digest.toString());
        o.put("size", size);
        return o;
    }

    /** Checks that {@code content} is the blob this descriptor names. */
    void verify(byte[] content, String what) {
        if (content.length != size) {
            throw new PackageFormatException(what + ": the manifest says " + size + " bytes, the file has "
                + content.length);
        }
        Digest actual = Digest.sha256(content);
        if (!actual.equals(digest)) {
            throw new PackageFormatException(what + ": digest mismatch, the manifest says " + digest
                + " but the content is " + actual);
        }
    }
}
