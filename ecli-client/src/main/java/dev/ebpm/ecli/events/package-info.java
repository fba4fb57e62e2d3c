/** The threads that drain ring buffers, perf buffers and sampled maps. */
package dev.ebpm.ecli.events;
