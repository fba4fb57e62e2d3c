package dev.ebpm.ecli.options;

import dev.ebpm.ecli.config.EcliConfig;
import dev.ebpm.ecli.resolve.PullPolicy;
import dev.ebpm.format.options.Option;
import dev.ebpm.format.options.OptionTable;

/**
 * Which registry a name without a host means, and when to ask it: {@link #REGISTRY} for every command
 * that talks to a registry, {@link #PULL} for those that may run from the cache.
 *
 * @param registry null: ECLI_REGISTRY, else the config file, else the default
 */
public record HubOptions(String registry, PullPolicy pull, boolean offline) {
    public static final OptionTable<Builder> REGISTRY = OptionTable.of(
        Option.value("--registry", "URL", "The registry for names without a host (default: ECLI_REGISTRY, else "
            + "registry in $XDG_CONFIG_HOME/ebpm/config.toml, else " + EcliConfig.DEFAULT_REGISTRY + ").",
            (b, v) -> b.registry = EcliConfig.normalize(v).toString()));

    public static final OptionTable<Builder> PULL = OptionTable.of(
        Option.value("--pull", "POLICY", "When to ask the registry: always, missing (default: cached versions and "
            + "digests are reused, tags for a minute) or never.", (b, v) -> b.pull = PullPolicy.parse(v)),
        Option.flag("--offline", "Use only the cache; never touch the network.", b -> b.offline = true));

    /** The defaults: the configured registry, pull what is missing, online. */
    public static HubOptions defaults() {
        return new Builder().build();
    }

    public static final class Builder {
        private String registry;
        private PullPolicy pull = PullPolicy.MISSING;
        private boolean offline;

        public HubOptions build() {
            return new HubOptions(registry, pull, offline);
        }
    }
}
