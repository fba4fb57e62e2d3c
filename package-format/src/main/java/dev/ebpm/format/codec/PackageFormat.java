package dev.ebpm.format.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The four package file formats and the one rule that tells them apart, used by ecli for files, standard
 * input and URLs and by the registry for uploads. The content decides first (an ebpm package is a tar,
 * eunomia's package.json a JSON object, eunomia's btfgen tar a tar whose first entry is not the ebpm
 * manifest); a content type breaks the tie only for what the content leaves
 * open, and otherwise text is read as package.yaml and anything else as an ebpm package, whose reader
 * then says what is wrong with it.
 */
public enum PackageFormat {
    EBPM("application/vnd.ebpm.package.v1+tar"),
    EUNOMIA_JSON("application/json"),
    EUNOMIA_YAML("application/yaml"),
    /** eunomia's {@code ecc -b} output: package.json, the object, and BTF for kernels without it. */
    EUNOMIA_TAR("application/x-tar");

    private final String mediaType;

    PackageFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format of {@code bytes}; {@code contentType} (null allowed) is only a hint. */
    public static PackageFormat detect(byte[] bytes, String contentType) {
        if (isTar(bytes)) {
            return firstEntryIs(bytes, EbpmPackageCodec.MANIFEST) ? EBPM : EUNOMIA_TAR;
        }
        if (startsWithBrace(bytes)) {
            return EUNOMIA_JSON;
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.contains("yaml")) {
            return EUNOMIA_YAML;
        }
        if (type.contains("json")) {
            return EUNOMIA_JSON;
        }
        if (type.contains("tar") || type.contains("ebpm")) {
            return EBPM;
        }
        return isText(bytes) ? EUNOMIA_YAML : EBPM;
    }

    /** The format a file name asks for when a package is written: .json, .yaml/.yml, .tar, else .ebpm. */
    public static PackageFormat forFileName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".json") ? EUNOMIA_JSON : n.endsWith(".yaml") || n.endsWith(".yml") ? EUNOMIA_YAML
            : n.endsWith(".tar") ? EUNOMIA_TAR : EBPM;
    }

    /** The package in this format; {@code layer} is its object as stored (zstd), kept byte for byte in .ebpm. */
    public byte[] write(EbpmPackage pkg, byte[] layer) {
        return switch (this) {
            case EBPM -> EbpmPackageCodec.write(pkg, layer);
            case EUNOMIA_JSON -> EunomiaPackageCodec.writeJson(pkg.toEunomia());
            case EUNOMIA_YAML -> EunomiaPackageCodec.writeYaml(pkg.toEunomia());
            case EUNOMIA_TAR -> EunomiaPackageCodec.writeTar(pkg.toEunomia(), pkg.meta().bpfSkel().objName()
                .replaceFirst("_bpf$", "") + ".bpf.o");
        };
    }

    /** POSIX tar: "ustar" at offset 257 of the first header. */
    private static boolean isTar(byte[] b) {
        return b.length > 262 && b[257] == 'u' && b[258] == 's' && b[259] == 't' && b[260] == 'a' && b[261] == 'r';
    }

    /** The name in the first tar header (offset 0, NUL-padded to 100 bytes) is {@code name}. */
    private static boolean firstEntryIs(byte[] b, String name) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < n.length; i++) {
            if (b[i] != n[i]) {
                return false;
            }
        }
        return b[n.length] == 0;
    }

    /** A JSON object, after white space and a UTF-8 byte order mark. */
    private static boolean startsWithBrace(byte[] b) {
        int i = b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf ? 3 : 0;
        while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
            i++;
        }
        return i < b.length && b[i] == '{';
    }

    /** Valid UTF-8 with no NUL in the first 8 KiB: a YAML document rather than a binary file. */
    private static boolean isText(byte[] b) {
        int n = Math.min(b.length, 8192);
        for (int i = 0; i < n; i++) {
            if (b[i] == 0) {
                return false;
            }
        }
        // Not the end of input: a character cut at the 8 KiB boundary is not an error.
        CoderResult r = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(b, 0, n), CharBuffer.allocate(n), n == b.length);
        return !r.isError();
    }
}
