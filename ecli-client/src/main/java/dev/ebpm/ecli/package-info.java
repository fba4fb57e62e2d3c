/** ecli's exit codes and the exception that carries one to the user. */
package dev.ebpm.ecli;
