/**
 * ecli's settings: the default registry ({@code --registry}, {@code ECLI_REGISTRY}, or
 * {@code registry = "…"} in {@code $XDG_CONFIG_HOME/ebpm/config.toml}) and the tokens {@code ecli login}
 * stores, one per registry, in {@code credentials.toml} beside it (mode 0600).
 */
package dev.ebpm.ecli.config;
