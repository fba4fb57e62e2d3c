package dev.ebpm.ecli.options;

import dev.ebpm.ecli.trust.TrustMode;
import dev.ebpm.format.options.Option;
import dev.ebpm.format.options.OptionTable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a command checks signatures: {@code --verify} overrides the trust policy's mode, {@code --key} trusts
 * more public keys for this command only.
 *
 * @param mode null: what the policy says
 */
public record TrustOptions(TrustMode mode, List<Path> keys) {
    public static final String VERIFY = "--verify";
    public static final String KEY = "--key";

    public static final OptionTable<Builder> TABLE = OptionTable.of(
        Option.value(VERIFY, "MODE", "Check signatures before loading: require (refuse what no trusted key "
            + "signed), warn, or off (default: what $XDG_CONFIG_HOME/ebpm/policy.toml says, else off).",
            (b, v) -> b.mode = TrustMode.parse(v)),
        Option.value(KEY, "FILE", "Also trust this public key (PEM; repeatable).", (b, v) -> b.keys.add(Path.of(v))));

    /**
     * {@code ecli sign}'s {@code --key}: the private key to sign with, as {@code cosign sign --key} names it
     * (the same spelling as above, where {@code verify} and {@code run} take public keys).
     */
    public static final OptionTable<Signing> SIGNING = OptionTable.of(Option.value(KEY, "KEYFILE", "The private key "
        + "to sign with (from ecli key generate, or any P-256 PKCS#8 PEM; encrypted keys ask for their passphrase or "
        + "read ECLI_KEY_PASSPHRASE).", (s, v) -> s.key = Path.of(v)));

    /** What {@link #SIGNING} fills. */
    public static final class Signing {
        private Path key;

        public Path key() {
            return key;
        }
    }

    public TrustOptions {
        keys = List.copyOf(keys);
    }

    public static final class Builder {
        private TrustMode mode;
        private final List<Path> keys = new ArrayList<>();

        public TrustOptions build() {
            return new TrustOptions(mode, keys);
        }
    }
}
