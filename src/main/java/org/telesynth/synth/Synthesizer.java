package org.telesynth.synth;

import org.telesynth.Progress;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.StagedOutput;
import org.telesynth.privacy.RandomSource;

import java.nio.file.Path;
import java.util.Map;

/**
 * A release method. It is used in two steps that {@link ReleaseRunner} keeps apart: {@link #plan} turns public
 * settings into a typed plan, reading no data (every check done, every measurement and its sensitivity fixed, so
 * bad settings are refused before the ledger is charged); then, once the plan is charged, {@link #synthesize}
 * reads the private input only through the plan's measurements and writes the synthetic tables.
 *
 * @param <P> the method's plan
 */
public interface Synthesizer<P extends SynthesisPlan> {
    /** What the private input of a method is. */
    enum Input {
        /** aggregate's output, bound to the dataset of {@code --data} by its manifest */
        AGG,
        /** the event log folder itself ({@code --in} must be {@code --data}) */
        EVENT_LOG
    }

    /** The method's name, as in {@code synthesize-<name>} and in manifests. */
    String name();

    /** The kind of private input the method reads. */
    default Input input() {
        return Input.AGG;
    }

    /**
     * Whether its measurements run on any {@link org.telesynth.engine.SqlEngine} ({@code --engine spark} too), so
     * that AGG need not fit the release machine. The default: DuckDB only.
     */
    default boolean measuresOnEngines() {
        return false;
    }

    /**
     * Checks that the private input has the files the method reads (their presence only, not their content),
     * before the charge. The default: every table of AGG and its device profile.
     */
    default void checkInput(Path in) {
        BoundedViews.requireFiles(in);
    }

    /**
     * Validates every public input (configuration, columns, parents, groups, domains, the request's options) and
     * fixes the plan. Reads no data.
     *
     * @throws org.telesynth.BadInputException naming the setting, for any bad public input
     */
    P plan(ReleaseConfig config, ReleaseRequest request);

    /** Only after the plan is charged: reads {@code in} through the plan's measurements, writes into {@code out}. */
    Map<String, Long> synthesize(Path in, P plan, RandomSource random, StagedOutput out, Progress progress);
}
