/**
 * The public configuration of aggregation and synthesis: the built-in config/default.yaml (the one place where
 * defaults are declared) with a user file laid over it, read strictly ({@link org.telesynth.config.ConfigNode}:
 * unknown keys, wrong types and out-of-range values are refused naming the key path). Nothing here is read from
 * the data. Depends on schema and io.
 */
package org.telesynth.config;
