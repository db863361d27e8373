/**
 * The aggregate stage, the only one that reads raw rows: contribution bounding (k rows per device by a keyed hash,
 * public clamps, the window) and the device profile, written to AGG with the bounding and the dataset id in its
 * manifest. Depends on config, io and schema.
 */
package org.telesynth.agg;
