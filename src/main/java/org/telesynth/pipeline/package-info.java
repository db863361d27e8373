/**
 * The whole chain behind run (simulate, load, aggregate, synthesize, benchmark, compare) and the registry of
 * release methods ({@link org.telesynth.pipeline.Synthesizers}). Depends on every feature package but cli.
 */
package org.telesynth.pipeline;
