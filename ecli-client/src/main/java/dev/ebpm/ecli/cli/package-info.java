/** The ecli command line: the root command and one class per subcommand. */
package dev.ebpm.ecli.cli;
