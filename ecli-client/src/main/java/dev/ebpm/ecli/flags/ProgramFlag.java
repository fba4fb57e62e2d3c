package dev.ebpm.ecli.flags;

import dev.ebpm.format.meta.Variable;

/**
 * A command-line flag for one of the program's global variables: its spellings, the C type it takes,
 * whether it is a switch, the default shown in help (null when none can be shown) and its description.
 */
public record ProgramFlag(Variable variable, int typeId, String longName, String shortName, String cType,
                          boolean isSwitch, String defaultText, String description) {
}
