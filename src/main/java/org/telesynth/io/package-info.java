/**
 * Files and DuckDB: table views over Parquet, the load stage, atomic staged outputs, manifests, dataset identity,
 * output-path checks and build provenance. Depends on schema, config and privacy (load creates a dataset's
 * ledger); never on cli or sim.
 */
package org.telesynth.io;
