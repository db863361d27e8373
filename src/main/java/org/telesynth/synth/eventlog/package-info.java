/**
 * The mechanism study's event log as a release: its public domain, the private log read as columnar arrays with
 * user-level contribution bounds, the user-level marginals both event-log methods measure, and the assembler that
 * writes a synthetic log user by user from them. Used by synthesize-marginal --eventlog and synthesize-dpvae
 * --eventlog. Depends on synth and privacy.
 */
package org.telesynth.synth.eventlog;
