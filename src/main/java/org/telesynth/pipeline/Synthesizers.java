package org.telesynth.pipeline;

import org.telesynth.BadInputException;
import org.telesynth.synth.Synthesizer;
import org.telesynth.synth.dpvae.DpVaeSynthesizer;
import org.telesynth.synth.dpvae.EventLogDpVae;
import org.telesynth.synth.eventlog.EventLogMarginals;
import org.telesynth.synth.marginal.MarginalSynthesizer;
import org.telesynth.synth.pe.PeSynthesizer;
import org.telesynth.synth.pertable.PerTableSynthesizer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry of release methods, by name: what the synthesize-* commands, {@code run} and the tests release with. */
public final class Synthesizers {
    private static final Map<String, Synthesizer<?>> METHODS = new LinkedHashMap<>();

    static {
        for (Synthesizer<?> s : List.of(new PerTableSynthesizer(), new MarginalSynthesizer.Method(), new DpVaeSynthesizer(),
                new PeSynthesizer(), new EventLogDpVae.Method(), new EventLogMarginals())) {
            METHODS.put(s.name(), s);
        }
    }

    private Synthesizers() {
    }

    /** The method of that name; bad input naming the known ones otherwise. */
    public static Synthesizer<?> get(String name) {
        Synthesizer<?> s = METHODS.get(name);
        if (s == null) {
            throw new BadInputException("no method " + name + ": choose one of " + String.join(", ", names()));
        }
        return s;
    }

    /** Every method's name, in a fixed order. */
    public static List<String> names() {
        return List.copyOf(METHODS.keySet());
    }

    /** The methods that release the 19 reporting tables from AGG (what {@code run} and sweeps choose from). */
    public static List<String> tableMethods() {
        return METHODS.values().stream().filter(s -> s.input() == Synthesizer.Input.AGG).map(Synthesizer::name).toList();
    }
}
