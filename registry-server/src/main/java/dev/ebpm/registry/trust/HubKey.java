package dev.ebpm.registry.trust;

import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.trust.SigningKey;
import dev.ebpm.format.trust.TrustedKey;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The hub's own signing key, which signs build provenance. It comes from configuration (a secret's PEM) or
 * from a file that is made at first start: written privately to a temporary name and linked into place, so
 * replicas starting together on a shared volume agree on one key. Only its public half reaches the database.
 */
@Startup
@ApplicationScoped
public class HubKey {
    private static final Logger LOG = Logger.getLogger(HubKey.class);

    private final TrustConfig config;
    private final KeyRegistry keys;
    private SigningKey key;

    HubKey(TrustConfig config, KeyRegistry keys) {
        this.config = config;
        this.keys = keys;
    }

    @PostConstruct
    void load() {
        char[] passphrase = config.hubKeyPassphrase().map(String::toCharArray).orElse(null);
        try {
            if (config.hubKey().isPresent()) {
                key = SigningKey.read(config.hubKey().get().getBytes(StandardCharsets.US_ASCII), "ebpm.trust.hub-key",
                    passphrase, "hub");
            } else {
                key = fromFile(config.hubKeyFile(), passphrase);
            }
        } catch (PackageFormatException e) {
            throw new IllegalStateException("the hub's signing key cannot be used: " + e.getMessage(), e);
        }
        keys.ensureHub(key.publicKey());
        LOG.infof("hub signing key %s", key.publicKey().fingerprint());
    }

    private static SigningKey fromFile(Path file, char[] passphrase) {
        try {
            if (!Files.exists(file)) {
                create(file, passphrase);
            }
            return SigningKey.read(Files.readAllBytes(file), file.toString(), passphrase, "hub");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or make the hub's signing key " + file + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path file, char[] passphrase) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".hub-key", ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, SigningKey.generate("hub").privatePem(passphrase), StandardCharsets.US_ASCII);
            Files.createLink(file, temp);
            LOG.infof("made the hub's signing key %s", file);
        } catch (FileAlreadyExistsException e) {
            // Another replica made it first: use theirs.
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public SigningKey key() {
        return key;
    }

    public TrustedKey publicKey() {
        return key.publicKey();
    }

    public String builderId() {
        return config.builderId().orElse("ebpm-hub:" + key.publicKey().fingerprint());
    }

    public String publicHost() {
        return config.publicHost();
    }
}
