package dev.ebpm.ecli.cli;

import dev.ebpm.ecli.ExitCodes;
import dev.ebpm.ecli.config.EcliConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;
import java.net.URI;

/** {@code ecli logout [REGISTRY]}: forget the token stored for a registry. */
final class LogoutCommand extends BaseCommand<CommandSettings> {
    LogoutCommand(PrintStream out, PrintStream err) {
        super("logout", COMMON, CommandSettings::new, out, err);
    }

    @Override
    void describe(CommandSpec spec) {
        spec.usageMessage().description("Forget the token stored for a registry.");
        spec.addPositional(registryParameter());
    }

    @Override
    int run(CommandSettings s, ParseResult parsed) {
        EcliConfig config = EcliConfig.fromEnvironment();
        URI registry = registry(config, parsed);
        out.println(config.removeToken(registry) ? "logged out of " + registry : "no token was stored for " + registry);
        return ExitCodes.OK;
    }

    /** The REGISTRY parameter login and logout share. */
    static PositionalParamSpec registryParameter() {
        return PositionalParamSpec.builder().index("0").arity("0..1").paramLabel("REGISTRY").type(String.class)
            .description("The registry URL or host (default: the default registry).").build();
    }

    static URI registry(EcliConfig config, ParseResult parsed) {
        String given = parsed.matchedPositionalValue(0, null);
        return given == null ? config.registry(null) : EcliConfig.normalize(given);
    }
}
