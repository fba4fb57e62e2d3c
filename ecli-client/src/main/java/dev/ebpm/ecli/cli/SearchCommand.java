package dev.ebpm.ecli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.registry.RegistryClient;
import dev.ebpm.format.json.Json;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;

/** {@code ecli search TEXT}: full-text search of a registry's packages. */
final class SearchCommand extends BaseCommand {
    SearchCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    String name() {
        return "search";
    }

    @Override
    CommandSpec describe() {
        CommandSpec spec = CommandSpec.create();
        spec.usageMessage().description("Search a registry's packages by name, description and keywords.");
        spec.addOption(flag("--json", "Print the registry's answer as JSON."));
        spec.addOption(option("--page", "N", "Which page of results (20 per page; default 1)."));
        HubOptions.addRegistry(spec);
        spec.addPositional(PositionalParamSpec.builder().index("0..*").arity("0..*").paramLabel("TEXT")
            .type(String[].class).auxiliaryTypes(String.class).description("Words to look for (none: list all).")
            .build());
        return spec;
    }

    @Override
    int run(ParseResult parsed) {
        String text = String.join(" ", parsed.matchedPositionalValue(0, new String[0]));
        var resolver = HubOptions.resolver(parsed, err);
        RegistryClient client = resolver.client(resolver.registryOf(null));
        String page = parsed.matchedOptionValue("--page", "1");
        JsonNode r = client.getJson("/api/v1/search?q=" + RegistryClient.query(text) + "&page="
            + RegistryClient.query(page));
        if (parsed.hasMatchedOption("--json")) {
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
