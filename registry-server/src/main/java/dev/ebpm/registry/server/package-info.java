/** How the server itself runs: thread defaults chosen for the registry's own mix of requests. */
package dev.ebpm.registry.server;
