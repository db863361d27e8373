/**
 * The analyst query suite (queries/) and the benchmark stage that answers it on any table set. Depends on io and schema.
 */
package org.telesynth.bench;
