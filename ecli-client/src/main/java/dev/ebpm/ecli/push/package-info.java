/**
 * Publishing with {@code ecli push}: a directory of sources packed as the archive a build takes
 * ({@link dev.ebpm.ecli.push.SourcePacker}), and a build followed until it is published or fails, through
 * registry restarts ({@link dev.ebpm.ecli.push.BuildFollower}).
 */
package dev.ebpm.ecli.push;
