/**
 * synthesize-pertable: the per-table baseline, every table from its own noisy one-way marginals. Depends on synth.
 */
package org.telesynth.synth.pertable;
