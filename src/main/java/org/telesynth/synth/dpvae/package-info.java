/**
 * synthesize-dpvae: a DP-SGD-trained VAE over the device profile (and the event-log mode), on ND4J. Depends on synth
 * and synth.relational.
 */
package org.telesynth.synth.dpvae;
