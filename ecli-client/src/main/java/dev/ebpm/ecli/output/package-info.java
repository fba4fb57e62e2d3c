/** Printing events and samples: tables, JSON lines, histograms. */
package dev.ebpm.ecli.output;
