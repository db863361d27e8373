package org.telesynth.sim;

/**
 * One line of the calibration table: a statistic of the real fleet, its simulated value, and the band the
 * simulated value must fall in.
 *
 * @param statistic what is measured (human-readable, stable)
 * @param real      the real-fleet value (from calibration/targets.json)
 * @param simulated the value measured on the simulated tables
 * @param low       lower end of the accepted band
 * @param high      upper end of the accepted band
 */
public record CalibrationRow(String statistic, double real, double simulated, double low, double high) {

    public boolean ok() {
        return simulated >= low && simulated <= high;
    }
}
