package dev.ebpm.ecli.resolve;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.codec.EbpmPackageCodec;
import dev.ebpm.format.codec.EunomiaPackageCodec;
import dev.ebpm.format.codec.PackageFormat;
import dev.ebpm.format.io.CappedReader;
import dev.ebpm.format.io.SizeLimitException;
import dev.ebpm.format.reference.PackageReference;
import dev.ebpm.format.wasm.WasmFormat;

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
 * Packages that are not in a registry: a local file, standard input or an http(s) URL, as the reference
 * says. The format is told from the content ({@link PackageFormat#detect}), not the name.
 */
public final class LocalPackages {
    /** Larger inputs are refused before they are parsed (packages and wasm modules alike). */
    public static final int MAX_PACKAGE_BYTES = 64 << 20;

    private LocalPackages() {
    }

    public static Loaded load(PackageReference ref, InputStream stdin) {
        String where = ref.location();
        return switch (ref.kind()) {
            case STDIN -> loaded(read(stdin, "standard input"), "standard input", null);
            case URL -> loaded(fetch(where), where, lastSegment(where));
            case FILE -> loaded(readFile(where), where, Path.of(where).getFileName().toString());
            case REGISTRY -> throw new IllegalArgumentException("a registry reference is not a local package: " + where);
        };
    }

    /**
     * A package, or a WebAssembly module that runs as {@code name}: told by its {@code \0asm} header, or by a
     * {@code .wasm} name (so that a broken module is reported as one, not as a broken package). Standard input
     * has no name ({@code null}): its module runs as app.wasm.
     */
    private static Loaded loaded(byte[] bytes, String origin, String name) {
        return WasmFormat.looksLikeWasm(bytes) || name != null && name.endsWith(WasmFormat.FILE_EXTENSION)
            ? new LoadedModule(name == null ? WasmFormat.DEFAULT_FILE_NAME : name, bytes, origin)
            : parse(bytes, origin);
    }

    /** The file name a URL ends with, for a module's argv[0]; app.wasm when the path names none. */
    private static String lastSegment(String url) {
        String path = URI.create(url).getPath();
        String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        return last.isEmpty() ? WasmFormat.DEFAULT_FILE_NAME : last;
    }

    public static LoadedPackage parse(byte[] bytes, String origin) {
        try {
            return switch (PackageFormat.detect(bytes, null)) {
                case EBPM -> LoadedPackage.of(EbpmPackageCodec.read(bytes, origin), origin);
                case EUNOMIA_JSON -> LoadedPackage.of(EunomiaPackageCodec.readJson(bytes, origin), origin);
                case EUNOMIA_YAML -> LoadedPackage.of(EunomiaPackageCodec.readYaml(bytes, origin), origin);
                case EUNOMIA_TAR -> LoadedPackage.of(EunomiaPackageCodec.readTar(bytes, origin), origin);
            };
        } catch (PackageFormatException e) {
            throw EcliException.failed("bad package: " + e.getMessage());
        }
    }

    private static byte[] readFile(String name) {
        Path file = Path.of(name);
        try {
            if (Files.isDirectory(file)) {
                throw EcliException.failed(name + " is a directory; give the package file (package.json, "
                    + "package.yaml, a .ebpm file or a .wasm module)");
            }
            if (Files.isRegularFile(file)) {
                // A regular file's size is known: check it, then read it in one go.
                if (Files.size(file) > MAX_PACKAGE_BYTES) {
                    throw tooLarge(name);
                }
                return nonEmpty(Files.readAllBytes(file), name);
            }
            try (InputStream in = Files.newInputStream(file)) {
                return read(in, name);
            }
        } catch (NoSuchFileException e) {
            throw EcliException.failed(name + ": no such file");
        } catch (IOException e) {
            throw EcliException.failed("cannot read " + name + ": " + e.getMessage());
        }
    }

    /** A stream (standard input, a pipe, a download): read with the cap, since its size is not known. */
    private static byte[] read(InputStream in, String what) {
        try {
            return nonEmpty(CappedReader.readAll(in, MAX_PACKAGE_BYTES), what);
        } catch (SizeLimitException e) {
            throw tooLarge(what);
        } catch (IOException e) {
            throw EcliException.failed("cannot read " + what + ": " + e.getMessage());
        }
    }

    private static byte[] nonEmpty(byte[] b, String what) {
        if (b.length == 0) {
            throw EcliException.failed(what + " is empty; expected a package");
        }
        return b;
    }

    private static EcliException tooLarge(String what) {
        return EcliException.failed(what + " is over " + (MAX_PACKAGE_BYTES >> 20) + " MiB; not a package");
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
                return read(body, url);
            }
        } catch (java.net.ConnectException e) {
            throw EcliException.failed("cannot fetch " + url + ": connection refused");
        } catch (IOException e) {
            throw EcliException.failed("cannot fetch " + url + ": " + (e.getMessage() == null
                ? "the connection failed" : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EcliException.failed("interrupted while fetching " + url);
        } catch (IllegalArgumentException e) {
            throw EcliException.usage("not a valid URL: " + url);
        }
    }
}
