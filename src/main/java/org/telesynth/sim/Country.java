package org.telesynth.sim;

import org.telesynth.schema.Domains;

import java.util.List;

/** A country's story parameters (resource {@code countries.csv}). */
record Country(String name, double share, double dcFactor, boolean edgeLeads) {

    static List<Country> catalogue() {
        List<String[]> rows = CsvResource.read("/org/telesynth/sim/countries.csv");
        List<Country> countries = rows.subList(1, rows.size()).stream().map(r -> new Country(r[0],
                Double.parseDouble(r[1]), Double.parseDouble(r[2]), r[3].equals("1"))).toList();
        if (!countries.stream().map(Country::name).toList().equals(Domains.COUNTRIES)) {
            throw new IllegalStateException("countries.csv must list Domains.COUNTRIES in order");
        }
        return countries;
    }
}
