/**
 * Command-line options declared once: an {@link dev.ebpm.format.options.Option} names its spellings, its
 * value and its help and says what it sets; an {@link dev.ebpm.format.options.OptionTable} is a group of
 * them that refuses a spelling declared twice, parses arguments and renders help. ecc, the worker and ecli
 * (which also registers its tables with picocli) declare every option this way.
 */
package dev.ebpm.format.options;
