/**
 * Publishing with {@code ecli push}: a directory of sources packed as the archive a build takes
 * ({@link dev.ebpm.ecli.push.SourcePacker}), and a build followed until it is published or fails, through
 * registry restarts ({@link dev.ebpm.ecli.push.BuildFollower}), and one build per architecture published as
 * one version ({@link dev.ebpm.ecli.push.ArchVariants}).
 */
package dev.ebpm.ecli.push;
