package dev.ebpm.ecli.trust;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.files.AtomicFiles;
import dev.ebpm.format.trust.PublicKeyPem;
import dev.ebpm.format.trust.SigningKey;
import dev.ebpm.format.trust.TrustedKey;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Key files as ecli writes and reads them: {@code NAME.key} (the private key, mode 0600, PKCS#8, encrypted
 * when a passphrase is given) and {@code NAME.pub} (the public key), the pair {@code cosign generate-key-pair}
 * makes, in forms openssl reads. A passphrase comes from {@code ECLI_KEY_PASSPHRASE} or the terminal.
 */
public final class KeyFiles {
    public static final String PASSPHRASE_ENV = "ECLI_KEY_PASSPHRASE";

    private KeyFiles() {
    }

    public record Pair(Path privateFile, Path publicFile, TrustedKey key) {
    }

    public static Pair generate(Path dir, String name, char[] passphrase) {
        Path priv = dir.resolve(name + ".key");
        Path pub = dir.resolve(name + ".pub");
        if (Files.exists(priv) || Files.exists(pub)) {
            throw EcliException.failed(priv + " or " + pub + " exists already; choose another --name or --out, or "
                + "remove them");
        }
        SigningKey key = SigningKey.generate(name);
        try {
            Files.createDirectories(dir);
            AtomicFiles.writePrivate(priv, key.privatePem(passphrase).getBytes(StandardCharsets.US_ASCII));
            AtomicFiles.write(pub, key.publicKey().pem().getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw EcliException.failed("cannot write the key pair into " + dir + ": " + e.getMessage());
        }
        return new Pair(priv, pub, key.publicKey());
    }

    /** A private key file, asking for its passphrase when it is encrypted and none was given. */
    public static SigningKey readPrivate(Path file) {
        byte[] text = read(file);
        String name = file.getFileName().toString().replaceFirst("\\.key$", "");
        char[] pass = passphraseFromEnvironment();
        if (pass == null && new String(text, StandardCharsets.US_ASCII).contains("ENCRYPTED PRIVATE KEY")) {
            pass = prompt("Passphrase for " + file + ": ");
        }
        try {
            return SigningKey.read(text, file.toString(), pass, name);
        } catch (PackageFormatException e) {
            throw EcliException.usage(e.getMessage());
        }
    }

    /** A public key file, named by its file name without {@code .pub}; a bad one is a usage error. */
    public static TrustedKey readPublic(Path file) {
        try {
            return parsePublic(file);
        } catch (IOException e) {
            throw EcliException.usage("cannot read the key " + file + ": " + e.getMessage());
        } catch (PackageFormatException e) {
            throw EcliException.usage(e.getMessage());
        }
    }

    /** The same, leaving it to the caller to say whose mistake an unreadable or bad file is. */
    static TrustedKey parsePublic(Path file) throws IOException {
        if (Files.size(file) > 64 * 1024) {
            throw new PackageFormatException(file + " is too large to be a key file");
        }
        return PublicKeyPem.read(Files.readAllBytes(file), file.toString(),
            file.getFileName().toString().replaceFirst("\\.pub$", ""));
    }

    /** The public keys in a directory ({@code *.pub}), sorted by file name; unreadable ones are skipped. */
    public static List<TrustedKey> list(Path dir) {
        List<TrustedKey> keys = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return keys;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".pub")).sorted().toList()) {
                try {
                    keys.add(readPublic(p));
                } catch (EcliException e) {
                    // Not a key: listed as nothing rather than failing the whole list.
                }
            }
        } catch (IOException e) {
            throw EcliException.failed("cannot list " + dir + ": " + e.getMessage());
        }
        return keys;
    }

    public static char[] passphraseFromEnvironment() {
        String env = System.getenv(PASSPHRASE_ENV);
        return env == null || env.isEmpty() ? null : env.toCharArray();
    }

    public static char[] prompt(String message) {
        Console c = System.console();
        if (c == null) {
            throw EcliException.usage("the key is encrypted and there is no terminal to ask for its passphrase: set "
                + PASSPHRASE_ENV);
        }
        return c.readPassword("%s", message);
    }

    private static byte[] read(Path file) {
        try {
            if (Files.size(file) > 64 * 1024) {
                throw EcliException.usage(file + " is too large to be a key file");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw EcliException.usage("cannot read the key " + file + ": " + e.getMessage());
        }
    }
}
