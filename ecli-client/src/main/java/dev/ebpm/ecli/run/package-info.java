/** One ecli run, from package to clean exit. */
package dev.ebpm.ecli.run;
