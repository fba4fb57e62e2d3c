/** vmlinux.h generation and the precompiled header of a source's leading includes, both cached. */
package dev.ebpm.compiler.headers;
