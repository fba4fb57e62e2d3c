/**
 * From what the user typed to a package in memory: a local file, stdin or URL directly; a registry
 * reference through the cache (pinned references never need the network again, tags for a minute) and
 * the registry's OCI API, with every blob checked against its digest.
 */
package dev.ebpm.ecli.resolve;
