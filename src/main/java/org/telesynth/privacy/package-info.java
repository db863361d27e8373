/**
 * The privacy core: exact samplers, the mechanisms (each spent once), privacy events and accountants, noise
 * calibration and the dataset's ledger. Nothing else in the project adds noise. Depends only on the root and io.
 */
package org.telesynth.privacy;
