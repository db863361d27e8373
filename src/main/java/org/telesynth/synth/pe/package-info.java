/**
 * synthesize-pe: training-free Private Evolution over the device attributes. Depends on synth and synth.relational.
 */
package org.telesynth.synth.pe;
