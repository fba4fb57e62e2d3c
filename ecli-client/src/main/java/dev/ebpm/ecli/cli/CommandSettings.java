package dev.ebpm.ecli.cli;

import dev.ebpm.ecli.options.CommonOptions;

/** What a command's option table fills: at least the common options; each command adds its own groups. */
class CommandSettings {
    final CommonOptions common = new CommonOptions();
}
