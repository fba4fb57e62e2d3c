package dev.ebpm.ecli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.registry.Progress;
import dev.ebpm.ecli.registry.RegistryClient;
import dev.ebpm.ecli.registry.SourceDirectory;
import dev.ebpm.ecli.source.LoadedPackage;
import dev.ebpm.ecli.source.PackageSource;
import dev.ebpm.format.PackageFormatException;
import dev.ebpm.format.codec.EbpmPackage;
import dev.ebpm.format.codec.EbpmPackageCodec;
import dev.ebpm.format.codec.PackageInfo;
import dev.ebpm.format.reference.PackageReference;
import dev.ebpm.format.reference.SemVer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code ecli push PACKAGE|DIR NAME:VERSION}: publish a built package, or send a directory of sources to
 * be compiled by the registry's workers and follow the build until it is published (or print its log).
 */
final class PushCommand extends BaseCommand {
    private static final Duration POLL = Duration.ofMillis(500);

    PushCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    String name() {
        return "push";
    }

    @Override
    CommandSpec describe() {
        CommandSpec spec = CommandSpec.create();
        spec.usageMessage().description("Publish a package to a registry (needs 'ecli login').", "",
            "PACKAGE (an .ebpm file or eunomia-bpf's package.json/yaml) is published as NAME:VERSION. A DIR of "
                + "sources (one *.bpf.c, its headers, a README.md) is compiled by the registry's workers: ecli waits "
                + "for the build and prints its log if it fails.");
        spec.addOption(option("--timeout", "SECONDS", "How long to wait for a build (default 600)."));
        HubOptions.addRegistry(spec);
        spec.addPositional(PositionalParamSpec.builder().index("0").paramLabel("PACKAGE|DIR").type(String.class)
            .description("What to publish.").build());
        spec.addPositional(PositionalParamSpec.builder().index("1").paramLabel("NAME:VERSION").type(String.class)
            .description("The name and version to publish it as, e.g. tools/sigsnoop:1.0.0.").build());
        return spec;
    }

    @Override
    int run(ParseResult parsed) {
        Path what = Path.of(parsed.matchedPositionalValue(0, ""));
        PackageReference target = HubOptions.registryReference(parsed.matchedPositionalValue(1, null));
        if (!SemVer.isValid(target.reference())) {
            throw EcliException.usage("give the version to publish: NAME:VERSION (e.g. " + target.name()
                + ":1.0.0), not \"" + target.reference() + "\"");
        }
        var resolver = HubOptions.resolver(parsed, err);
        RegistryClient client = resolver.client(resolver.registryOf(target));
        if (Files.isDirectory(what)) {
            return build(client, what, target, parsed);
        }
        if (!Files.isRegularFile(what)) {
            throw EcliException.failed(what + ": no such file or directory");
        }
        LoadedPackage local = PackageSource.load(what.toString(), System.in);
        PackageInfo old = local.info();
        PackageInfo info;
        try {
            info = new PackageInfo(target.name(), target.reference(), old == null ? null : old.description(),
                old == null ? null : old.license(), old == null ? List.of() : old.keywords());
        } catch (PackageFormatException e) {
            throw EcliException.usage(e.getMessage());
        }
        String readme = local.readme();
        byte[] body = EbpmPackageCodec.write(new EbpmPackage(info, local.meta(), local.elf(), readme));
        JsonNode v = client.putJson("/api/v1/packages/" + target.name() + "/-/versions/" + target.reference(), body,
            "application/vnd.ebpm.package.v1+tar");
        out.println("published " + target.name() + "@" + target.reference() + " ("
            + v.path("digests").path("manifest").asText() + ") to " + client.base());
        return ExitCodes.OK;
    }

    private int build(RegistryClient client, Path dir, PackageReference target, ParseResult parsed) {
        byte[] archive = SourceDirectory.pack(dir);
        JsonNode b = client.postJson("/api/v1/builds?name=" + RegistryClient.query(target.name()) + "&version="
            + RegistryClient.query(target.reference()), archive, "application/gzip");
        String id = b.path("id").asText();
        err.println("ecli: build " + id + " of " + target.name() + "@" + target.reference() + " queued at "
            + client.base());
        long timeout = Long.parseLong(parsed.matchedOptionValue("--timeout", "600"));
        long started = System.nanoTime();
        Progress progress = Progress.forStderr(err);
        String state = b.path("state").asText();
        while (state.equals("queued") || state.equals("running")) {
            long waited = (System.nanoTime() - started) / 1_000_000_000L;
            if (waited > timeout) {
                progress.done();
                throw new EcliException(ExitCodes.BUILD_FAILED, "build " + id + " is still " + state + " after "
                    + timeout + " s; follow it at " + client.base() + "/api/v1/builds/" + id);
            }
            progress.status("build " + target.name() + "@" + target.reference() + ": "
                + (state.equals("queued") ? "queued" : "compiling") + " (" + waited + " s)");
            sleep();
            b = client.getJson("/api/v1/builds/" + id);
            state = b.path("state").asText();
        }
        progress.done();
        if (state.equals("succeeded")) {
            out.println("published " + target.name() + "@" + target.reference() + " (built by " + id + ") to "
                + client.base());
            return ExitCodes.OK;
        }
        err.print(b.path("log").asText());
        throw new EcliException(ExitCodes.BUILD_FAILED, "build " + id + " of " + target.name() + "@"
            + target.reference() + " failed: " + b.path("error").asText("see the log above"));
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EcliException.failed("interrupted");
        }
    }
}
