/** Reading packages from files, standard input and http(s) URLs, in any of the formats. */
package dev.ebpm.ecli.source;
