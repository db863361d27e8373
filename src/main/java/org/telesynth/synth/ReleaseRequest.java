package org.telesynth.synth;

import org.telesynth.BadInputException;
import org.telesynth.engine.Engines;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a user asks of a release: the total (epsilon, delta), the method's command-line options (by option name,
 * e.g. {@code epochs}; absent means the configuration's value) and where its measurements run.
 *
 * @param epsilon     total epsilon, positive and finite
 * @param delta       total delta, in (0, 1)
 * @param options     method options given on the command line
 * @param engine      the engine the measurements' queries run on ({@code duckdb}, or {@code spark} for a method that
 *                    measures on either: {@link Synthesizer#measuresOnEngines}); it changes where the counting runs,
 *                    never what is released
 * @param sparkMaster Spark's master URL with {@code spark} (null: {@code local[*]})
 */
public record ReleaseRequest(double epsilon, double delta, Map<String, Integer> options, String engine, String sparkMaster) {
    /** The range of epsilon a release accepts: below it the noise swamps everything, above it nothing is private. */
    public static final double MIN_EPSILON = 1e-3;
    public static final double MAX_EPSILON = 1e3;

    public ReleaseRequest {
        if (!(epsilon >= MIN_EPSILON && epsilon <= MAX_EPSILON)) {
            throw new BadInputException("--epsilon must be in [" + MIN_EPSILON + ", " + MAX_EPSILON + "], not " + epsilon);
        }
        if (!(delta > 0 && delta < 1)) {
            throw new BadInputException("--delta must be in (0, 1), not " + delta);
        }
        options = new TreeMap<>(options);
        if (!Engines.NAMES.contains(engine)) {
            throw new BadInputException("--engine must be one of " + String.join(", ", Engines.NAMES) + ", not " + engine);
        }
        if (sparkMaster != null && !engine.equals(Engines.SPARK)) {
            throw new BadInputException("--spark-master goes with --engine spark");
        }
    }

    /** Measured on the embedded engine. */
    public ReleaseRequest(double epsilon, double delta, Map<String, Integer> options) {
        this(epsilon, delta, options, Engines.DUCKDB, null);
    }

    public ReleaseRequest(double epsilon, double delta) {
        this(epsilon, delta, Map.of());
    }

    /** Refuses any given option outside {@code known} (the method's own). */
    public void allowOnly(Set<String> known) {
        for (String k : options.keySet()) {
            if (!known.contains(k)) {
                throw new BadInputException("option --" + k.replace('_', '-') + " does not apply to this method");
            }
        }
    }

    /** An option's value, or null when not given; refuses options the method does not know. */
    public Integer option(String name, Set<String> known) {
        allowOnly(known);
        return options.get(name);
    }
}
