/**
 * The export stage: a table set (simulated, real or synthetic Parquet) written out as plain CSV or ZSTD Parquet
 * for tools outside telesynth, with an SDV-style multi-table metadata file derived from the schema contract.
 * Depends on io and schema.
 */
package org.telesynth.export;
