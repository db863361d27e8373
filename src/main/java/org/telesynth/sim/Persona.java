package org.telesynth.sim;

import org.telesynth.schema.Domains;

import java.util.Arrays;
import java.util.List;

/**
 * A persona's story parameters (resource {@code personas.csv}): its fleet share, usage intensity, and the
 * weights of the foreground app types it runs (in {@link Domains#APP_TYPES} order).
 */
record Persona(String name, double share, double intensity, double[] appTypeWeights) {

    static List<Persona> catalogue() {
        List<String[]> rows = CsvResource.read("/org/telesynth/sim/personas.csv");
        List<Persona> personas = rows.subList(1, rows.size()).stream().map(r -> new Persona(r[0],
                Double.parseDouble(r[1]), Double.parseDouble(r[2]),
                Arrays.stream(r, 3, 3 + Domains.APP_TYPES.size()).mapToDouble(Double::parseDouble).toArray())).toList();
        if (!personas.stream().map(Persona::name).toList().equals(Domains.PERSONAS)) {
            throw new IllegalStateException("personas.csv must list Domains.PERSONAS in order");
        }
        return personas;
    }
}
