package dev.ebpm.ecli.cli;

import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.resolve.ResolvedPackage;
import dev.ebpm.ecli.source.PackageFiles;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;
import java.nio.file.Path;

/** {@code ecli pull REF [-o FILE]}: fetch a package into the cache, and optionally write it out. */
final class PullCommand extends BaseCommand {
    PullCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    String name() {
        return "pull";
    }

    @Override
    CommandSpec describe() {
        CommandSpec spec = CommandSpec.create();
        spec.usageMessage().description("Pull a package from a registry into the cache, checking every digest.",
            "With -o, also write it: FILE.json as eunomia-bpf's package.json, FILE.yaml as package.yaml, anything "
                + "else as an .ebpm package.");
        spec.addOption(option("-o", "FILE", "Write the package to FILE."));
        HubOptions.addRegistry(spec);
        spec.addPositional(PositionalParamSpec.builder().index("0").paramLabel("REF").type(String.class)
            .description("NAME[:TAG|@VERSION|@sha256:DIGEST], optionally HOST[:PORT]/ in front.").build());
        return spec;
    }

    @Override
    int run(ParseResult parsed) {
        ResolvedPackage p = HubOptions.resolverAlways(parsed, err)
            .resolve(HubOptions.registryReference(parsed.matchedPositionalValue(0, null)));
        String file = parsed.matchedOptionValue("-o", null);
        if (file != null) {
            PackageFiles.write(Path.of(file), p.pkg(), p.layer());
        }
        out.println("pulled " + p.origin() + " (" + p.manifest() + ")" + (file == null ? "" : " to " + file));
        return ExitCodes.OK;
    }
}
