package org.telesynth.sweep;

import org.telesynth.BadInputException;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.pipeline.Synthesizers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a sweep's {@code --methods} token releases: a table method as configured, or the per-table baseline with
 * one device model or the other ({@code pertable} draws its device tables from histograms, {@code pertable+dpvae}
 * from a DP-VAE), so one sweep compares both. A variant is a configuration layer, so its release is charged and
 * recorded under a configuration hash of its own.
 *
 * @param token   the name in {@code --methods}, the results' method column and the cell folders
 * @param method  the release method it runs
 * @param overlay YAML laid over the sweep's configuration, or null
 */
public record SweepMethod(String token, String method, String overlay) {
    public static final String PERTABLE_DPVAE = "pertable+dpvae";

    public static SweepMethod of(String token) {
        if (token.equals(PERTABLE_DPVAE)) {
            return new SweepMethod(token, "pertable", "pertable: {device_model: dpvae}");
        }
        if (!Synthesizers.tableMethods().contains(token)) {
            throw new BadInputException("--methods: no table method " + token + ": choose from " + String.join(", ", tokens()));
        }
        // the plain baseline is the histogram device model whatever --config says, so the two stay apart
        return new SweepMethod(token, token, token.equals("pertable") ? "pertable: {device_model: histogram}" : null);
    }

    /** Every token a sweep accepts. */
    public static List<String> tokens() {
        List<String> out = new ArrayList<>(Synthesizers.tableMethods());
        out.add(out.indexOf("pertable") + 1, PERTABLE_DPVAE);
        return out;
    }

    /** The configuration this method's cells release under: {@code file} (null: the built-in one) with the overlay. */
    public ReleaseConfig config(Path file) {
        return ReleaseConfig.load(file, overlay);
    }
}
