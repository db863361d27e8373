/**
 * The relational half every method with a device model shares (marginal, dpvae, pe): the plan of its
 * measurements ({@link org.telesynth.synth.relational.RelationalPlan}, with the marginal method's tree model when
 * asked), the device attributes, and the writer of every table on the synthetic devices (child rows on the devices
 * present, each column from a noisy marginal crossed with its parent). Depends on synth.
 */
package org.telesynth.synth.relational;
