package dev.ebpm.ecli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.config.EcliConfig;
import dev.ebpm.ecli.registry.Progress;
import dev.ebpm.ecli.registry.RegistryClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code ecli login [REGISTRY]} and {@code ecli logout [REGISTRY]}: store or forget a registry token. */
final class LoginCommand extends BaseCommand {
    private final boolean logout;

    LoginCommand(PrintStream out, PrintStream err, boolean logout) {
        super(out, err);
        this.logout = logout;
    }

    @Override
    String name() {
        return logout ? "logout" : "login";
    }

    @Override
    CommandSpec describe() {
        CommandSpec spec = CommandSpec.create();
        if (logout) {
            spec.usageMessage().description("Forget the token stored for a registry.");
        } else {
            spec.usageMessage().description("Store a registry token (ebpm_...) for push and private pulls, after "
                + "checking it with the registry.", "",
                "The token comes from --token, else standard input (when it is not a terminal), else a prompt. It "
                    + "is kept in $XDG_CONFIG_HOME/ebpm/credentials.toml, readable by you only.");
            spec.addOption(option("--token", "TOKEN", "The token (visible in your shell history: prefer the prompt or "
                + "standard input)."));
        }
        spec.addPositional(PositionalParamSpec.builder().index("0").arity("0..1").paramLabel("REGISTRY")
            .type(String.class).description("The registry URL or host (default: the default registry).").build());
        return spec;
    }

    @Override
    int run(ParseResult parsed) {
        EcliConfig config = EcliConfig.fromEnvironment();
        String given = parsed.matchedPositionalValue(0, null);
        URI registry = given == null ? config.registry(null) : EcliConfig.normalize(given);
        if (logout) {
            out.println(config.removeToken(registry) ? "logged out of " + registry : "no token was stored for "
                + registry);
            return ExitCodes.OK;
        }
        String token = Optional.ofNullable(parsed.<String>matchedOptionValue("--token", null)).orElseGet(this::readToken);
        JsonNode me = new RegistryClient(registry, Optional.empty(), new Progress(err, false)).whoAmI(token.strip());
        config.saveToken(registry, token.strip());
        out.println("logged in to " + registry + " with token \"" + me.path("name").asText() + "\" (scopes: "
            + String.join(", ", scopes(me)) + ")");
        return ExitCodes.OK;
    }

    private static List<String> scopes(JsonNode me) {
        List<String> s = new ArrayList<>();
        me.path("scopes").forEach(n -> s.add(n.asText()));
        return s;
    }

    private String readToken() {
        if (System.console() != null) {
            char[] typed = System.console().readPassword("Token for the registry: ");
            if (typed == null || typed.length == 0) {
                throw EcliException.usage("no token given");
            }
            return new String(typed);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isBlank()) {
                throw EcliException.usage("no token on standard input (or pass --token)");
            }
            return line;
        } catch (IOException e) {
            throw EcliException.failed("cannot read the token: " + e.getMessage());
        }
    }
}
