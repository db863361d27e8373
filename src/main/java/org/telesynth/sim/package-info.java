/**
 * The embedded fleet simulator (public data from a latent device story calibrated to public facts) and its
 * calibration check. Depends on schema and io.
 */
package org.telesynth.sim;
