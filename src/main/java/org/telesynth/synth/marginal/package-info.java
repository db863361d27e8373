/**
 * synthesize-marginal: a tree graphical model over device attributes and table presence (edges by the exponential
 * mechanism, pairs by the Gaussian mechanism), sampled into synthetic devices for the relational half. Depends on
 * synth and synth.relational.
 */
package org.telesynth.synth.marginal;
