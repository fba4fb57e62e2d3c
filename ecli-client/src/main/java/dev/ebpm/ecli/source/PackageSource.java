package dev.ebpm.ecli.source;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.codec.EbpmPackageCodec;
import dev.ebpm.format.codec.EunomiaPackage;
import dev.ebpm.format.codec.EunomiaPackageCodec;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads a package from a local file, standard input ({@code -}) or an http(s) URL. The format is told
 * from the content, not the name: an ebpm package is a tar, eunomia's package.json is JSON, anything else
 * is read as package.yaml.
 */
public final class PackageSource {
    /** Larger inputs are refused before they are parsed. */
    public static final int MAX_PACKAGE_BYTES = 64 << 20;

    private PackageSource() {
    }

    public static LoadedPackage load(String ref, InputStream stdin) {
        if (ref.equals("-")) {
            return parse(readLimited(stdin, "standard input"), "standard input");
        }
        if (ref.startsWith("http://") || ref.startsWith("https://")) {
            return parse(fetch(ref), ref);
        }
        Path file = Path.of(ref);
        try {
            if (Files.isDirectory(file)) {
                throw EcliException.failed(ref + " is a directory; give the package file (package.json, "
                    + "package.yaml or a .ebpm file)");
            }
            if (Files.size(file) > MAX_PACKAGE_BYTES) {
                throw EcliException.failed(ref + " is over " + (MAX_PACKAGE_BYTES >> 20) + " MiB; not a package");
            }
            return parse(Files.readAllBytes(file), ref);
        } catch (NoSuchFileException e) {
            throw EcliException.failed(ref + ": no such file");
        } catch (IOException e) {
            throw EcliException.failed("cannot read " + ref + ": " + e.getMessage());
        }
    }

    public static LoadedPackage parse(byte[] bytes, String origin) {
        try {
            if (isTar(bytes)) {
                EbpmPackage p = EbpmPackageCodec.read(bytes, origin);
                return new LoadedPackage(p.meta(), p.elf(), origin, p.info(), p.readme());
            }
            EunomiaPackage p = startsWithBrace(bytes) ? EunomiaPackageCodec.readJson(bytes, origin)
                : EunomiaPackageCodec.readYaml(bytes, origin);
            return new LoadedPackage(p.meta(), p.elf(), origin, null, null);
        } catch (PackageFormatException e) {
            throw EcliException.failed("bad package: " + e.getMessage());
        }
    }

    private static boolean isTar(byte[] b) {
        return b.length > 262 && b[257] == 'u' && b[258] == 's' && b[259] == 't' && b[260] == 'a' && b[261] == 'r';
    }

    private static boolean startsWithBrace(byte[] b) {
        for (byte c : b) {
            if (c == '{') {
                return true;
            }
            if (!Character.isWhitespace(c) && c != (byte) 0xef && c != (byte) 0xbb && c != (byte) 0xbf) {
                return false;
            }
        }
        return false;
    }

    private static byte[] readLimited(InputStream in, String what) {
        try {
            byte[] b = in.readNBytes(MAX_PACKAGE_BYTES + 1);
            if (b.length > MAX_PACKAGE_BYTES) {
                throw EcliException.failed(what + " is over " + (MAX_PACKAGE_BYTES >> 20) + " MiB; not a package");
            }
            if (b.length == 0) {
                throw EcliException.failed(what + " is empty; expected a package");
            }
            return b;
        } catch (IOException e) {
            throw EcliException.failed("cannot read " + what + ": " + e.getMessage());
        }
    }

    private static byte[] fetch(String url) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = r.body()) {
                if (r.statusCode() != 200) {
                    throw EcliException.failed(url + ": the server answered HTTP " + r.statusCode());
                }
                return readLimited(body, url);
            }
        } catch (IOException e) {
            throw EcliException.failed("cannot fetch " + url + ": " + (e.getMessage() == null ? e.toString()
                : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EcliException.failed("interrupted while fetching " + url);
        } catch (IllegalArgumentException e) {
            throw EcliException.usage("not a valid URL: " + url);
        }
    }
}
