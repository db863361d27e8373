/**
 * The whole chain behind run (simulate, load, aggregate, synthesize, benchmark, compare) on the stage engine it
 * shares with sweep ({@link org.telesynth.pipeline.Stages}: skip-if-unchanged, costs), and the registry of
 * release methods ({@link org.telesynth.pipeline.Synthesizers}). Depends on every feature package but cli.
 */
package org.telesynth.pipeline;
