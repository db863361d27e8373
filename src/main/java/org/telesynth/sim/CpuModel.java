package org.telesynth.sim;

import java.util.List;

/**
 * One CPU of the simulator's public catalogue (resource {@code cpus.csv}) with the story parameters that tie a
 * device's CPU to its other tables: battery time, modern standby, package frequency, power, C0 and temperature.
 */
record CpuModel(String cpugen, String codename, String family, String line, String segment, String tdp,
                String lithography, String processTechnology, int cores, String cpucode, double weightMobile,
                double weightDesktop, double dcMinutes, double modsPercent, double freqMhz, double watts, double c0,
                double tempC) {

    boolean isXeon() {
        return family.equals("Xeon");
    }

    boolean isAmd() {
        return codename.equals("Unknown");
    }

    static List<CpuModel> catalogue() {
        List<String[]> rows = CsvResource.read("/org/telesynth/sim/cpus.csv");
        return rows.subList(1, rows.size()).stream().map(r -> new CpuModel(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7],
                Integer.parseInt(r[8]), r[9], Double.parseDouble(r[10]), Double.parseDouble(r[11]),
                Double.parseDouble(r[12]), Double.parseDouble(r[13]), Double.parseDouble(r[14]),
                Double.parseDouble(r[15]), Double.parseDouble(r[16]), Double.parseDouble(r[17]))).toList();
    }
}
