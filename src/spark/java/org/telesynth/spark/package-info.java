/**
 * The Spark engine ({@code --engine spark}, docs/spark.md): {@link org.telesynth.engine.SqlEngine} on Apache Spark,
 * local mode, a standalone master or YARN. Compiled only under {@code -Pspark}; the core finds it by name.
 * Depends on engine.
 */
package org.telesynth.spark;
