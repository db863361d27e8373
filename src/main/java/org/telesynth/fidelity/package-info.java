/**
 * Fidelity measures that do not depend on the query suite (what compare's report shows beside the suite, and what
 * the audit stage gates on): the cross-table measure of device attributes against child-table features, the
 * cardinality shape and the within-table column-pair trends. They read real data, so what they report is private.
 * Depends on config, io and schema.
 */
package org.telesynth.fidelity;
