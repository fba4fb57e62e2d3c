package dev.ebpm.ecli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebpm.ecli.EcliException;
import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.config.EcliConfig;
import dev.ebpm.ecli.registry.Progress;
import dev.ebpm.ecli.registry.RegistryClient;
import dev.ebpm.format.options.Option;
import dev.ebpm.format.options.OptionTable;
import picocli.CommandLine.Model.CommandSpec;
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

/** {@code ecli login [REGISTRY]}: check a registry token with the registry, then store it. */
final class LoginCommand extends BaseCommand<LoginCommand.Settings> {
    static final class Settings extends CommandSettings {
        String token;
    }

    private static final OptionTable<Settings> OPTIONS = BaseCommand.<Settings>shared(COMMON)
        .plus(OptionTable.of(Option.value("--token", "TOKEN", "The token (visible in your shell history: prefer the "
            + "prompt or standard input).", (s, v) -> s.token = v)));

    LoginCommand(PrintStream out, PrintStream err) {
        super("login", OPTIONS, Settings::new, out, err);
    }

    @Override
    void describe(CommandSpec spec) {
        spec.usageMessage().description("Store a registry token (ebpm_...) for push and private pulls, after "
            + "checking it with the registry.", "",
            "The token comes from --token, else standard input (when it is not a terminal), else a prompt. It "
                + "is kept in $XDG_CONFIG_HOME/ebpm/credentials.toml, readable by you only.");
        spec.addPositional(LogoutCommand.registryParameter());
    }

    @Override
    int run(Settings s, ParseResult parsed) {
        EcliConfig config = EcliConfig.fromEnvironment();
        URI registry = LogoutCommand.registry(config, parsed);
        String token = Optional.ofNullable(s.token).orElseGet(this::readToken).strip();
        JsonNode me = new RegistryClient(registry, Optional.empty(), new Progress(err, false)).whoAmI(token);
        config.saveToken(registry, token);
        List<String> scopes = new ArrayList<>();
        me.path("scopes").forEach(n -> scopes.add(n.asText()));
        out.println("logged in to " + registry + " with token \"" + me.path("name").asText() + "\" (scopes: "
            + String.join(", ", scopes) + ")");
        return ExitCodes.OK;
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
