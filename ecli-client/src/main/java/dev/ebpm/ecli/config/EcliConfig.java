package dev.ebpm.ecli.config;

import dev.ebpm.ecli.EcliException;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where ecli's settings live and what they say. Tokens are keyed by registry base URL
 * ({@code http://localhost:8080}).
 */
public final class EcliConfig {
    public static final String DEFAULT_REGISTRY = "http://localhost:8080";

    private final Path dir;
    private final Map<String, String> env;

    public EcliConfig(Path dir, Map<String, String> env) {
        this.dir = dir;
        this.env = env;
    }

    public static EcliConfig fromEnvironment() {
        Map<String, String> env = System.getenv();
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return new EcliConfig(base.resolve("ebpm"), env);
    }

    public Path configFile() {
        return dir.resolve("config.toml");
    }

    /** The user's trust policy (see {@code TrustPolicy}). */
    public Path policyFile() {
        return dir.resolve("policy.toml");
    }

    /** Where {@code ecli key generate} writes keys and {@code ecli key trust} keeps trusted public keys. */
    public Path keysDir() {
        return dir.resolve("keys");
    }

    public Path credentialsFile() {
        return dir.resolve("credentials.toml");
    }

    /** The registry for names without a host: the option, else ECLI_REGISTRY, else the config file. */
    public URI registry(String option) {
        String chosen = option != null ? option
            : env.get("ECLI_REGISTRY") != null && !env.get("ECLI_REGISTRY").isBlank() ? env.get("ECLI_REGISTRY")
            : TomlFile.read(configFile()).getOrDefault("registry", DEFAULT_REGISTRY);
        return normalize(chosen);
    }

    /** A registry given by URL or by host ({@code localhost:8080}: http for local hosts, https otherwise). */
    public static URI normalize(String registry) {
        String r = registry.contains("://") ? registry
            : (registry.startsWith("localhost") || registry.startsWith("127.") ? "http://" : "https://") + registry;
        try {
            URI uri = URI.create(r.endsWith("/") ? r.substring(0, r.length() - 1) : r);
            if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw EcliException.usage("not a registry URL: " + registry);
        }
    }

    public Optional<String> token(URI registry) {
        return Optional.ofNullable(TomlFile.read(credentialsFile()).get("registries.\"" + registry + "\".token"));
    }

    public void saveToken(URI registry, String token) {
        Map<String, String> tokens = tokens();
        tokens.put(registry.toString(), token);
        writeTokens(tokens);
    }

    public boolean removeToken(URI registry) {
        Map<String, String> tokens = tokens();
        boolean had = tokens.remove(registry.toString()) != null;
        writeTokens(tokens);
        return had;
    }

    private Map<String, String> tokens() {
        Map<String, String> tokens = new TreeMap<>();
        TomlFile.read(credentialsFile()).forEach((k, v) -> {
            if (k.startsWith("registries.\"") && k.endsWith("\".token")) {
                tokens.put(k.substring("registries.\"".length(), k.length() - "\".token".length()), v);
            }
        });
        return tokens;
    }

    private void writeTokens(Map<String, String> tokens) {
        StringBuilder b = new StringBuilder("# Registry tokens stored by 'ecli login'. Keep this file private.\n");
        tokens.forEach((registry, token) -> b.append("\n[registries.").append(TomlFile.quote(registry)).append("]\n")
            .append("token = ").append(TomlFile.quote(token)).append('\n'));
        TomlFile.write(credentialsFile(), b.toString(), true);
    }
}
