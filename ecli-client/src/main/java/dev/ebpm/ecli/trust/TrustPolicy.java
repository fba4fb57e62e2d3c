package dev.ebpm.ecli.trust;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.config.EcliConfig;
import dev.ebpm.ecli.config.TomlFile;
import dev.ebpm.format.Digest;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.trust.TrustedKey;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trust policy: {@code $XDG_CONFIG_HOME/ebpm/policy.toml}, else {@code /etc/ebpm/policy.toml}. Rules
 * match a registry ({@code host[:port]} or {@code *}) and package name patterns; the first that matches
 * gives the mode and the keys trusted for it. Outside every rule the file's top-level {@code mode} holds
 * (off when there is no policy at all). {@code revoked} fingerprints are never trusted; {@code allow}, at
 * the top or in a rule, limits which references may run at all.
 */
public record TrustPolicy(Path file, TrustMode mode, Map<String, String> revoked, List<String> allow, List<Rule> rules) {
    public static final Path SYSTEM = Path.of("/etc/ebpm/policy.toml");
    private static final Set<String> TOP = Set.of("mode", "revoked", "allow");
    private static final Set<String> RULE = Set.of("registry", "names", "mode", "keys", "allow");

    /**
     * A rule; its key files are read when first needed (never for a run with checks off), once, and may be read
     * ahead on another thread ({@link TrustGate} does, while the package is resolved).
     */
    public record Rule(String registry, List<String> names, TrustMode mode, RuleKeys keyFiles, List<String> allow) {
        public List<TrustedKey> keys() {
            return keyFiles.get();
        }

        boolean matches(URI reg, String name) {
            return (registry.equals("*") || registry.equalsIgnoreCase(authority(reg)))
                && names.stream().anyMatch(p -> Patterns.matches(p, name));
        }

        String describe() {
            return "the rule for " + registry + " " + String.join(",", names);
        }
    }

    /** What the policy says about one package: the mode, the keys it may be signed with, and why not, if not allowed. */
    public record Applied(TrustMode mode, List<TrustedKey> keys, Map<String, String> revoked, String notAllowed,
                          String source) {
    }

    private static final java.util.concurrent.ConcurrentHashMap<Path, TrustPolicy> LOADED =
        new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * {@link #load}, once per process for the same file: the warm-up thread reads the policy and its keys
     * while the command parses and resolves, and the check finds them read.
     */
    public static TrustPolicy shared(EcliConfig config) {
        return LOADED.computeIfAbsent(config.policyFile().toAbsolutePath(), k -> load(config));
    }

    public static TrustPolicy load(EcliConfig config) {
        Path file = file(config);
        return file == null ? new TrustPolicy(null, TrustMode.OFF, Map.of(), List.of(), List.of()) : read(file);
    }

    /** The policy file in force: the user's, else the system's ({@code ECLI_SYSTEM_POLICY} moves it), else none. */
    public static Path file(EcliConfig config) {
        Path user = config.policyFile();
        Path system = Path.of(System.getenv().getOrDefault("ECLI_SYSTEM_POLICY", SYSTEM.toString()));
        return Files.isRegularFile(user) ? user : Files.isRegularFile(system) ? system : null;
    }

    public static TrustPolicy read(Path file) {
        TomlFile.Document doc = TomlFile.parse(file);
        unknown(file, doc.values().keySet(), TOP, "");
        if (doc.arrays().keySet().stream().anyMatch(k -> !k.equals("rule"))) {
            throw EcliException.failed(file + ": unknown table [[" + doc.arrays().keySet().iterator().next()
                + "]] (only [[rule]] is read)");
        }
        Map<String, String> revoked = new LinkedHashMap<>();
        for (String fp : strings(file, doc.values(), "revoked")) {
            revoked.put(fp.toLowerCase(java.util.Locale.ROOT), "revoked in " + file);
        }
        List<Rule> rules = new ArrayList<>();
        for (Map<String, Object> r : doc.array("rule")) {
            unknown(file, r.keySet(), RULE, "[[rule]] ");
            RuleKeys keys = new RuleKeys(file, strings(file, r, "keys"));
            List<String> names = strings(file, r, "names");
            rules.add(new Rule(string(file, r, "registry", "*"), names.isEmpty() ? List.of("*") : names,
                TrustMode.parse(string(file, r, "mode", "require")), keys, strings(file, r, "allow")));
        }
        return new TrustPolicy(file, TrustMode.parse(string(file, doc.values(), "mode", "off")), revoked,
            strings(file, doc.values(), "allow"), rules);
    }

    /** The policy for {@code name} at {@code registry} (null for a local file), with command-line overrides. */
    public Applied apply(URI registry, String name, Digest digest, TrustMode override, List<TrustedKey> extraKeys) {
        return apply(registry, name, digest, override, extraKeys, false);
    }

    /** {@link #apply}; {@code verifying} reads the keys even when the mode is off ({@code ecli verify}). */
    public Applied apply(URI registry, String name, Digest digest, TrustMode override, List<TrustedKey> extraKeys,
                         boolean verifying) {
        List<Rule> matching = registry == null ? List.of() : rules.stream().filter(r -> r.matches(registry, name)).toList();
        Rule rule = matching.isEmpty() ? null : matching.get(0);
        TrustMode m = override != null ? override : rule != null ? rule.mode() : mode;
        List<TrustedKey> keys = new ArrayList<>();
        if (m != TrustMode.OFF || verifying) {
            matching.forEach(r -> keys.addAll(r.keys()));
            keys.addAll(extraKeys);
        }
        String notAllowed = null;
        if (registry != null) {
            notAllowed = notAllowed(allow, name, digest, "the policy's allow list");
            if (notAllowed == null && rule != null) {
                notAllowed = notAllowed(rule.allow(), name, digest, rule.describe() + "'s allow list");
            }
        }
        String source = override != null ? "--verify " + override.label()
            : rule != null ? rule.describe() + " in " + file : file == null ? "no policy file" : "the default of " + file;
        return new Applied(m, keys, revoked, notAllowed, source);
    }

    private static String notAllowed(List<String> allow, String name, Digest digest, String where) {
        if (allow.isEmpty()) {
            return null;
        }
        for (String a : allow) {
            int at = a.indexOf("@sha256:");
            if (at >= 0 ? a.substring(0, at).equals(name) && digest != null && a.substring(at + 1).equals(digest.toString())
                : Patterns.matches(a, name)) {
                return null;
            }
        }
        return "not in " + where;
    }

    /** Whether any package can be checked under this policy (then keys are worth reading ahead). */
    public boolean checksAnything() {
        return mode != TrustMode.OFF || rules.stream().anyMatch(r -> r.mode() != TrustMode.OFF);
    }

    /** The keys every rule trusts, read now (to warm up ahead of a verification). */
    public List<TrustedKey> allKeys() {
        List<TrustedKey> all = new ArrayList<>();
        rules.forEach(r -> all.addAll(r.keys()));
        return all;
    }

    /** A rule's key files, read once on first use (from any thread). */
    public static final class RuleKeys {
        private final Path policy;
        private final List<String> paths;
        private List<TrustedKey> keys;

        RuleKeys(Path policy, List<String> paths) {
            this.policy = policy;
            this.paths = List.copyOf(paths);
        }

        public synchronized List<TrustedKey> get() {
            if (keys == null) {
                List<TrustedKey> read = new ArrayList<>();
                for (String k : paths) {
                    read.add(readKey(policy, k));
                }
                keys = List.copyOf(read);
            }
            return keys;
        }
    }

    /** How policy rules and signatures name a registry: {@code host[:port]}. */
    public static String authority(URI registry) {
        return registry.getPort() < 0 ? registry.getHost() : registry.getHost() + ":" + registry.getPort();
    }

    private static TrustedKey readKey(Path policy, String path) {
        Path p = path.startsWith("~/") ? Path.of(System.getProperty("user.home"), path.substring(2)) : Path.of(path);
        Path file = p.isAbsolute() ? p : policy.toAbsolutePath().getParent().resolve(p);
        try {
            return KeyFiles.parsePublic(file);
        } catch (IOException e) {
            throw EcliException.failed(policy + " trusts the key " + file + ", which cannot be read: " + e.getMessage());
        } catch (PackageFormatException e) {
            throw EcliException.failed(policy + ": " + e.getMessage());
        }
    }

    private static void unknown(Path file, Set<String> keys, Set<String> known, String where) {
        for (String k : keys) {
            if (!known.contains(k)) {
                throw EcliException.failed(file + ": unknown setting " + where + k + " (known: "
                    + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }

    private static String string(Path file, Map<String, Object> t, String key, String dflt) {
        Object v = t.get(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof String s)) {
            throw EcliException.failed(file + ": " + key + " must be a string");
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Path file, Map<String, Object> t, String key) {
        Object v = t.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?>)) {
            throw EcliException.failed(file + ": " + key + " must be a list of strings");
        }
        return (List<String>) v;
    }

    /**
     * Appends a rule trusting {@code key} for {@code names} at {@code registry} to the user's policy file,
     * keeping what it holds. The key is trusted at once; the mode is this rule's only where no earlier rule
     * matches the same packages: false says an earlier rule's mode still decides.
     */
    public static boolean addRule(Path file, String registry, List<String> names, TrustMode mode, Path key) {
        TrustPolicy existing = Files.isRegularFile(file) ? read(file) : null;
        StringBuilder text = new StringBuilder();
        try {
            if (existing != null) {
                text.append(Files.readString(file));
                if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
                    text.append('\n');
                }
            } else {
                text.append("# ecli's trust policy: which keys a package must be signed with to run (see ecli verify --help).\n");
            }
        } catch (IOException e) {
            throw EcliException.failed("cannot read " + file + ": " + e.getMessage());
        }
        text.append("\n[[rule]]\nregistry = ").append(TomlFile.quote(registry)).append("\nnames = [")
            .append(String.join(", ", names.stream().map(TomlFile::quote).toList())).append("]\nmode = ")
            .append(TomlFile.quote(mode.label())).append("\nkeys = [").append(TomlFile.quote(key.toString()))
            .append("]\n");
        TomlFile.write(file, text.toString(), false);
        return existing == null || existing.rules().stream().noneMatch(r ->
            (r.registry().equals("*") || r.registry().equalsIgnoreCase(registry))
                && names.stream().anyMatch(n -> r.names().stream().anyMatch(p -> Patterns.matches(p, n))));
    }
}
