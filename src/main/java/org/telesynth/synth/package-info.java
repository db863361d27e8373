/**
 * What every release method shares: the {@link org.telesynth.synth.Synthesizer} interface (plan from public settings,
 * then synthesize), the one release path {@link org.telesynth.synth.ReleaseRunner} (validate, compose, bind, charge,
 * read, write, manifest), the bounded views and the measurer every measurement reads through, the public manifest
 * and the private provenance, and the row generator. Depends on config, io, privacy and schema; each method lives in
 * a subpackage.
 */
package org.telesynth.synth;
