package dev.ebpm.ecli.cli;

import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.cache.PackageCache;
import dev.ebpm.ecli.config.EcliConfig;
import dev.ebpm.ecli.resolve.PackageResolver;
import dev.ebpm.ecli.resolve.PullPolicy;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.reference.PackageReference;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The options every command that talks to a registry shares: {@code --registry}, and for pulls the policy. */
final class HubOptions {
    private HubOptions() {
    }

    static void addRegistry(CommandSpec spec) {
        spec.addOption(BaseCommand.option("--registry", "URL", "The registry for names without a host (default: "
            + "ECLI_REGISTRY, else registry in $XDG_CONFIG_HOME/ebpm/config.toml, else "
            + EcliConfig.DEFAULT_REGISTRY + ")."));
    }

    static void addPull(CommandSpec spec) {
        spec.addOption(BaseCommand.option("--pull", "POLICY", "When to ask the registry: always, missing (default: "
            + "cached versions and digests are reused, tags for a minute) or never."));
        spec.addOption(BaseCommand.flag("--offline", "Use only the cache; never touch the network."));
    }

    static PackageResolver resolver(ParseResult parsed, PrintStream err) {
        return resolver(parsed, new Extracted(List.of(), null, null, false), err);
    }

    /** Pull options given after the package ({@code ecli run sigsnoop --offline}), taken out of the program's flags. */
    record Extracted(List<String> rest, String registry, String pull, boolean offline) {
    }

    static Extracted extract(List<String> args) {
        List<String> rest = new ArrayList<>();
        String registry = null;
        String pull = null;
        boolean offline = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            String inline = a.contains("=") ? a.substring(a.indexOf('=') + 1) : null;
            switch (name) {
                case "--offline" -> offline = true;
                case "--registry", "--pull" -> {
                    String v = inline;
                    if (v == null) {
                        if (i + 1 >= args.size()) {
                            throw EcliException.usage(name + " needs a value");
                        }
                        v = args.get(++i);
                    }
                    if (name.equals("--registry")) {
                        registry = v;
                    } else {
                        pull = v;
                    }
                }
                default -> rest.add(a);
            }
        }
        return new Extracted(rest, registry, pull, offline);
    }

    static PackageResolver resolver(ParseResult parsed, Extracted after, PrintStream err) {
        String pull = after.pull() != null ? after.pull() : parsed.matchedOptionValue("--pull", null);
        String registry = after.registry() != null ? after.registry() : parsed.matchedOptionValue("--registry", null);
        return new PackageResolver(EcliConfig.fromEnvironment(), PackageCache.fromEnvironment(), err, registry,
            pull == null ? PullPolicy.MISSING : PullPolicy.parse(pull),
            after.offline() || parsed.hasMatchedOption("--offline"));
    }

    /** For pull: tags are always asked for again. */
    static PackageResolver resolverAlways(ParseResult parsed, PrintStream err) {
        return new PackageResolver(EcliConfig.fromEnvironment(), PackageCache.fromEnvironment(), err,
            parsed.matchedOptionValue("--registry", null), PullPolicy.ALWAYS, false);
    }

    static PackageReference reference(String text) {
        try {
            return PackageReference.parse(text, text != null && Files.exists(Path.of(text)));
        } catch (PackageFormatException e) {
            throw EcliException.usage(e.getMessage());
        }
    }

    /** A registry reference (not a file or URL), for commands that only work with registries. */
    static PackageReference registryReference(String text) {
        PackageReference ref = reference(text);
        if (ref.kind() != PackageReference.Kind.REGISTRY) {
            throw EcliException.usage("\"" + text + "\" is not a registry reference (NAME, NAME:TAG, NAME@VERSION, "
                + "HOST/NAME:TAG)");
        }
        return ref;
    }
}
