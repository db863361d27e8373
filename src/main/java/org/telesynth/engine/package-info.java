/**
 * Where the private-side SQL runs: {@link org.telesynth.engine.SqlEngine}, one interface for the embedded DuckDB
 * engine (the default) and the Spark engine (built with {@code -Pspark}, docs/spark.md). aggregate's bounding and
 * summaries are one portable SQL text that both run, so their outputs are equal by construction and by test.
 * Depends on io.
 */
package org.telesynth.engine;
