/**
 * The {@code audit} stage: quality gates that decide whether a release ships. Quick checks (schema, NULL rates,
 * ranges, integrity, contribution bounds, the contract's invariants, exact matches of unique real devices), the
 * standard tier (column shapes, cross-table fidelity, cardinality, distance to closest record against a holdout) and
 * the full tier (a distance-based membership attack, train-on-synthetic test-on-real), and the deep tier (a one-run
 * canary audit: an empirical lower bound on the pipeline's epsilon). audit reads real data, so everything it writes
 * is private.
 */
package org.telesynth.audit;
