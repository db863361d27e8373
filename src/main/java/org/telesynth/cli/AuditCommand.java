package org.telesynth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.telesynth.BadInputException;
import org.telesynth.audit.Audit;
import org.telesynth.audit.AuditReport;
import org.telesynth.audit.AuditResult;
import org.telesynth.audit.Check;
import org.telesynth.audit.Verdict;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Manifests;
import org.telesynth.io.OutputPaths;
import org.telesynth.pipeline.Synthesizers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Quality gates that decide whether a release ships: is it useful, and is it safe? Writes"
                + " OUT/audit.json, audit.md and audit.html. Exit 0 when every gate passes (WARN is reported, not failed),"
                + " 4 when a gate fails.",
                "It reads real data, so its reports are PRIVATE (they say so at the top): exact real statistics.",
                "Tiers (each includes the ones before): quick (schema, NULL rates, ranges, integrity, contribution bounds,"
                        + " invariants, exact matches of unique real devices), standard (column shapes KS/TVD, cross-table fidelity,"
                        + " cardinality, distance to closest record), full (a distance-based membership attack and train-on-synthetic,"
                        + " test-on-real on three tasks with two model families), deep (a one-run canary audit: the release is made"
                        + " again on the members plus canary devices, and an attacker's guesses of which canaries were in give a lower"
                        + " confidence bound on the pipeline's real epsilon, gated against the claim)."
                        + " --holdout (load --holdout-share) gives the devices the release never read."},
        footerHeading = "%nExamples:%n",
        footer = {"  telesynth audit --real data/real --synth data/synth/marginal --out \\",
                "      data/audit/marginal",
                "  telesynth audit --real data/real --holdout data/holdout --synth \\",
                "      data/synth/marginal --out /tmp/a --tier full",
                "  telesynth audit --real data/real --holdout data/holdout --synth \\",
                "      data/synth/marginal --out /tmp/a --tier deep"})
final class AuditCommand implements Callable<Integer> {
    @Option(names = "--real", required = true, paramLabel = "REAL", description = "The real tables the release was made from (its members).")
    Path real;

    @Option(names = "--synth", required = true, paramLabel = "SYNTH", description = "The synthetic tables.")
    Path synth;

    @Option(names = "--holdout", paramLabel = "HOLDOUT", description = "Real devices the release never read (load --holdout-share).")
    Path holdout;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the (private) audit goes.")
    Path out;

    @Option(names = "--tier", defaultValue = "standard", paramLabel = "T", description = "quick, standard, full or deep. Default: ${DEFAULT-VALUE}.")
    String tier;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration: the audit gates (audit:) and the public clamps.")
    Path config;

    @Mixin
    QuietOption quiet;

    @Mixin
    SeedOption seed;

    @Mixin
    JsonOption json;

    @picocli.CommandLine.Mixin
    LedgerOption ledger;

    @Override
    public Integer call() {
        Audit.Tier t = Audit.tier(tier);
        ReleaseConfig c = ReleaseConfig.load(config);
        OutputPaths.checkApart("--out", out, "--real", real, "--synth", synth, "--holdout", holdout);
        JsonNode manifest = t == Audit.Tier.deep ? releaseManifest() : null;
        ConsoleProgress progress = quiet.progress();
        AuditResult r = Audit.run(real, synth, holdout, t, c, progress);
        if (t == Audit.Tier.deep) {
            Path parent = out.toAbsolutePath().normalize().getParent();
            try {
                Files.createDirectories(parent);
                r = Audit.deep(r, real, manifest, c, seed.seed, Files.createTempDirectory(parent, ".telesynth-deep-"), progress);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make the deep tier's work folder beside " + out, e);
            }
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("real", real.toAbsolutePath().normalize().toString());
        inputs.put("synth", synth.toAbsolutePath().normalize().toString());
        inputs.put("holdout", holdout == null ? null : holdout.toAbsolutePath().normalize().toString());
        inputs.put("config", c.source());
        AuditReport.write(out, r, inputs);
        if (json.json) {
            JsonOption.printFile(out.resolve("audit.json"));
            return r.verdict() == Verdict.FAIL ? ExitCode.GATE_FAILED : ExitCode.OK;
        }
        for (Check check : r.checks()) {
            if (check.verdict() == Verdict.FAIL || check.verdict() == Verdict.WARN) {
                System.out.printf("%s %s: %s%n", check.verdict(), check.name(), check.detail());
            }
        }
        System.out.printf("audit %s (%s tier, %d checks) written to %s; the report is private: it holds real statistics%n",
                r.verdict(), r.tier(), r.checks().size(), out);
        return r.verdict() == Verdict.FAIL ? ExitCode.GATE_FAILED : ExitCode.OK;
    }

    /** The release's manifest, whose method and (epsilon, delta) the deep tier replays: checked before any work. */
    private JsonNode releaseManifest() {
        JsonNode m = Manifests.readIfPresent(synth.resolve("manifest.json"));
        if (m == null || !m.path("stage").asText().equals("synthesize")) {
            throw new BadInputException("--synth: " + synth + " holds no release manifest (manifest.json of a synthesize stage);"
                    + " the deep tier replays the release it describes");
        }
        Synthesizers.get(m.path("method").asText());
        if (!m.at("/privacy/epsilon").isNumber() || !m.at("/privacy/delta").isNumber()) {
            throw new BadInputException("--synth: the manifest in " + synth + " has no privacy.epsilon and privacy.delta");
        }
        return m;
    }
}
