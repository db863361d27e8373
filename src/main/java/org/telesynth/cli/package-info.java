/**
 * The command line (picocli): thin commands that parse options, build an immutable configuration, call one entry
 * point and return an exit code ({@link org.telesynth.cli.ExitCode}); the one exception-to-exit-code mapping is in
 * {@link org.telesynth.cli.Main}. Nothing else depends on this package.
 */
package org.telesynth.cli;
