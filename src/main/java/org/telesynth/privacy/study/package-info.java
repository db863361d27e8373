/**
 * The Gaussian-vs-Laplace mechanism study on the single-table event log (the mechanisms command). Depends on privacy.
 */
package org.telesynth.privacy.study;
