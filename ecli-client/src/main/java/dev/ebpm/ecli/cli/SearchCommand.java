package dev.ebpm.ecli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.registry.RegistryClient;
import dev.ebpm.ecli.resolve.PackageResolver;
import dev.ebpm.format.json.Json;
import dev.ebpm.format.options.Option;
import dev.ebpm.format.options.OptionTable;
import dev.ebpm.format.options.OptionValues;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;

/** {@code ecli search TEXT}: full-text search of a registry's packages. */
final class SearchCommand extends BaseCommand<SearchCommand.Settings> {
    static final class Settings extends CommandSettings {
        int page = 1;
        boolean signed;
    }

    private static final OptionTable<Settings> OPTIONS = BaseCommand.<Settings>shared(COMMON.plus(OUTPUT).plus(REGISTRY))
        .plus(OptionTable.of(Option.value("--page", "N", "Which page of results (20 per page; default 1).",
            (s, v) -> s.page = OptionValues.positiveInt("--page", v, "a page number")),
            Option.flag("--signed", "Only packages whose latest version carries a signature or the hub's build "
                + "provenance (ecli verify says whether you trust it).", s -> s.signed = true)));

    SearchCommand(PrintStream out, PrintStream err) {
        super("search", OPTIONS, Settings::new, out, err);
    }

    @Override
    void describe(CommandSpec spec) {
        spec.usageMessage().description("Search a registry's packages by name, description and keywords.");
        spec.addPositional(PositionalParamSpec.builder().index("0..*").arity("0..*").paramLabel("TEXT")
            .type(String[].class).auxiliaryTypes(String.class).description("Words to look for (none: list all).")
            .build());
    }

    @Override
    int run(Settings s, ParseResult parsed) {
        String text = String.join(" ", parsed.matchedPositionalValue(0, new String[0]));
        PackageResolver resolver = PackageResolver.fromEnvironment(s.hub.build(), err);
        RegistryClient client = resolver.client(resolver.registryOf(null));
        JsonNode r = client.getJson("/api/v1/search?q=" + RegistryClient.query(text) + "&page=" + s.page
            + (s.signed ? "&signed=true" : ""));
        if (s.output.json()) {
            out.println(Json.canonicalString(r));
            return ExitCodes.OK;
        }
        if (r.path("results").isEmpty()) {
            out.println("no package matches \"" + text + "\" at " + client.base());
            return ExitCodes.OK;
        }
        out.printf("%-32s %-12s %10s  %s%n", "NAME", "LATEST", "DOWNLOADS", "DESCRIPTION");
        for (JsonNode hit : r.path("results")) {
            out.printf("%-32s %-12s %10d  %s%n", hit.path("name").asText(), hit.path("latest").asText(),
                hit.path("downloads").asLong(), hit.path("description").asText(""));
        }
        long total = r.path("total").asLong();
        if (total > r.path("results").size()) {
            out.println("(" + total + " matches; --page N for more)");
        }
        return ExitCodes.OK;
    }
}
