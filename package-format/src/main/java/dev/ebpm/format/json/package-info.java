/** The JSON conventions of the package format: last duplicate key wins, sorted compact output, errors that name the field. */
package dev.ebpm.format.json;
