package org.telesynth.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.telesynth.BadInputException;
import org.telesynth.Progress;
import org.telesynth.config.AuditSettings;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.fidelity.CrossTableFidelity;
import org.telesynth.io.Duck;
import org.telesynth.io.TableViews;
import org.telesynth.privacy.RandomSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the audit tiers over real (members), synthetic and, when given, holdout tables. Each tier includes the
 * ones below it: quick (exact structural checks and the exact-match scan), standard (column shapes, cross-table
 * fidelity, cardinality, DCR), full (the membership attack and TSTR); the deep tier adds the one-run canary audit
 * ({@link #deep}).
 */
public final class Audit {
    /** Devices per side for the distance-based statistics: brute-force nearest records stay seconds. */
    static final int DISTANCE_DEVICES = 2000;
    /** Synthetic records the nearest-record search looks through. */
    static final int SYNTHETIC_DEVICES = 20000;
    /** The worst gated columns whose distributions the report plots. */
    static final int WORST_PLOTTED = 4;

    public enum Tier { quick, standard, full, deep }

    private Audit() {
    }

    public static AuditResult run(Path real, Path synth, Path holdout, Tier tier, ReleaseConfig config, Progress progress) {
        AuditSettings a = config.audit();
        List<Check> checks = new ArrayList<>();
        List<ColumnShape> shapes = List.of();
        Map<String, Object> fidelity = null;
        double[][] roc = null;
        double[][] dcr = null;
        Map<String, Long> samples = new LinkedHashMap<>();
        List<CorrelationDiff.Matrix> correlations = List.of();
        List<Tstr.Row> tstr = List.of();
        List<ColumnDistribution> distributions = new ArrayList<>();
        try (Connection c = Duck.open()) {
            TableViews.createIn(c, real, "real");
            TableViews.createIn(c, synth, "synth");
            if (holdout != null) {
                TableViews.createIn(c, holdout, "holdout");
            }
            progress.step("quick tier: schema, NULL rates, ranges, integrity, bounds, invariants, exact matches");
            checks.addAll(QuickChecks.run(c, config));
            if (tier == Tier.quick) {
                return new AuditResult(tier.name(), checks, shapes, null, null, null, samples, correlations, tstr, distributions, null);
            }
            progress.step("standard tier: column shapes, cross-table fidelity, cardinality, distance to closest record");
            shapes = new ArrayList<>(ColumnShapes.measure(c, a.sampleRows()));
            shapes.sort(Comparator.comparingDouble(ColumnShape::value).reversed());
            checks.add(worst(shapes, "ks", a.maxColumnKs(), a));
            checks.add(worst(shapes, "tvd", a.maxColumnTvd(), a));
            for (ColumnShape s : shapes.stream().filter(ColumnShape::gated).limit(WORST_PLOTTED).toList()) {
                distributions.add(ColumnDistribution.of(c, s, a.sampleRows()));
            }
            samples.put("ks_rows_per_side", (long) a.sampleRows());
            correlations = CorrelationDiff.measure(c);
            CorrelationDiff.Matrix worstTable = correlations.stream().max(Comparator.comparingDouble(CorrelationDiff.Matrix::worst)).orElse(null);
            if (worstTable != null) {
                checks.add(Check.info("standard", "worst_correlation_difference", worstTable.worst(),
                        "|real - synthetic| Pearson correlation of numeric column pairs; worst in " + worstTable.table()));
            }
            CrossTableFidelity.Result f = CrossTableFidelity.measure(real, synth, config);
            fidelity = f.summary();
            checks.add(Check.info("standard", "cross_table_mean_tvd", f.mean(), String.format(
                    "P(child feature | device attribute) over %d pairs; worst %s x %s (%.3f); compare with the noise floor in compare's report",
                    f.pairs().size(), f.worst().get(0).attribute(), f.worst().get(0).feature(), f.worst().get(0).tvd())));
            checks.add(Check.info("standard", "cardinality_mean_tvd", f.meanCardinality(), "rows-per-device distribution per table"));
            checks.add(Check.info("standard", "column_pair_trend_mean", f.meanTrend(), "column-pair trends within each table"));
            Map<String, Integer> book = DeviceSample.newCodeBook();
            // members and holdout devices are read once: DCR and the attack compare the same samples
            DeviceSample members = holdout == null ? null : DeviceSample.read(c, "real", DISTANCE_DEVICES, config, book);
            DeviceSample held = holdout == null ? null : DeviceSample.read(c, "holdout", Math.min(members.size, DISTANCE_DEVICES), config, book);
            if (holdout == null) {
                checks.add(Check.notMeasured("standard", "dcr_share_closer_to_members", "no --holdout: DCR needs devices the release never read"));
            } else {
                DeviceSample syn = DeviceSample.read(c, "synth", DISTANCE_DEVICES, config, book);
                double[] toMembers = syn.nearestAll(members);
                double[] toHoldout = syn.nearestAll(held);
                dcr = new double[][]{toMembers, toHoldout};
                double share = Membership.closerToMembers(toMembers, toHoldout);
                samples.put("dcr_synthetic", (long) syn.size);
                samples.put("dcr_members", (long) members.size);
                samples.put("dcr_holdout", (long) held.size);
                checks.add(Check.info("standard", "dcr_share_closer_to_members", share, String.format(
                        "%d synthetic records against %d members and %d holdout devices: about 0.5 when nothing is memorised."
                                + " DCR alone does not show privacy", syn.size, members.size, held.size)));
            }
            if (tier == Tier.full || tier == Tier.deep) {
                progress.step("full tier: membership attack");
                if (holdout == null) {
                    checks.add(Check.notMeasured("full", "membership_auc", "no --holdout: the attack needs devices the release never read"));
                } else {
                    DeviceSample syn = DeviceSample.read(c, "synth", SYNTHETIC_DEVICES, config, book);
                    double[] m = members.nearestAll(syn);
                    double[] h = held.nearestAll(syn);
                    double auc = Membership.auc(m, h);
                    roc = Membership.roc(m, h, 50);
                    samples.put("attack_members", (long) members.size);
                    samples.put("attack_holdout", (long) held.size);
                    samples.put("attack_synthetic", (long) syn.size);
                    checks.add(Check.atMost("full", "membership_auc", auc, a.maxMembershipAuc(), 0.5, a.warnShare(), String.format(
                            "distance to the closest of %d synthetic records scores %d members against %d holdout devices; TPR at 1%% FPR %.3f",
                            syn.size, members.size, held.size, Membership.tprAtFpr(m, h, 0.01))));
                    checks.add(Check.info("full", "membership_tpr_at_1pct_fpr", Membership.tprAtFpr(m, h, 0.01), "1 % would be a coin"));
                }
                progress.step("full tier: train on synthetic, test on real (TSTR)");
                if (holdout == null) {
                    checks.add(Check.notMeasured("full", "tstr", "no --holdout: TSTR tests on devices no model trained on"));
                } else {
                    Map<String, String> skipped = new LinkedHashMap<>();
                    tstr = Tstr.run(c, a.tstrDevices(), 7, progress, skipped);
                    samples.put("tstr_devices_per_side", (long) a.tstrDevices());
                    checks.addAll(tstrChecks(tstr, a));
                    skipped.forEach((task, why) -> checks.add(Check.notMeasured("full", "tstr_" + task + "_auc_lift_ratio", why)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(Duck.message(e), e);
        }
        return new AuditResult(tier.name(), checks, shapes, fidelity, roc, dcr, samples, correlations, tstr, distributions, null);
    }

    private static Check worst(List<ColumnShape> shapes, String metric, double limit, AuditSettings a) {
        ColumnShape w = shapes.stream().filter(s -> s.metric().equals(metric) && s.gated()).findFirst().orElse(null);
        long left = shapes.stream().filter(s -> s.metric().equals(metric) && !s.gated()).count();
        if (w == null) {
            return Check.notMeasured("standard", "worst_column_" + metric, "no " + metric + " column to gate");
        }
        String detail = String.format("%s (%s rows per side%s); %d columns outside the gate (%s), listed in the report", w.label(), w.rows(),
                metric.equals("ks") ? String.format(", sampling error about %.3f", ColumnShapes.ksError(w.rows(), w.rows())) : "", left,
                metric.equals("ks") ? "under " + ColumnShape.MIN_ROWS + " values on a side" : "open domains, whose tail partition selection cuts");
        return Check.atMost("standard", "worst_column_" + metric, w.value(), limit, 0, a.warnShare(), detail);
    }

    /** One gate per task: its better model family's AUC lift ratio (skill over chance, {@link Tstr.Row#aucLift}). */
    private static List<Check> tstrChecks(List<Tstr.Row> rows, AuditSettings a) {
        Map<String, Tstr.Row> best = new LinkedHashMap<>();
        for (Tstr.Row r : rows) {
            best.merge(r.task(), r, (x, y) -> Double.isNaN(x.aucLift()) || y.aucLift() > x.aucLift() ? y : x);
        }
        List<Check> out = new ArrayList<>();
        for (Tstr.Row r : best.values()) {
            String detail = String.format(Locale.ROOT, "%s: %s; AUC %.3f trained on %d synthetic devices, %.3f on %d real members, tested on %d"
                            + " holdout devices; ratios: AUC %.3f, accuracy %.3f, F1 %.3f; the gate reads AUC's lift over chance",
                    r.question(), r.model(), r.synthetic().auc(), r.synthRows(), r.real().auc(), r.realRows(), r.testRows(), r.ratio().auc(),
                    r.ratio().accuracy(), r.ratio().f1());
            String name = "tstr_" + r.task() + "_auc_lift_ratio";
            out.add(Double.isNaN(r.aucLift()) ? Check.notMeasured("full", name, detail + ": not measured, train-on-real has no skill")
                    : Check.atLeast("full", name, r.aucLift(), a.minTstrRatio(), 1, a.warnShare(), detail));
        }
        return out;
    }

    /**
     * The deep tier on top of {@code full}: the one-run canary audit of the release {@code synth}'s manifest
     * describes, replayed on the members {@code real} with canaries, in a fresh folder beside {@code out}.
     */
    public static AuditResult deep(AuditResult full, Path real, JsonNode manifest, ReleaseConfig config, Long seed, Path work,
                                   Progress progress) {
        AuditSettings a = config.audit();
        double epsilon = manifest.at("/privacy/epsilon").asDouble();
        double delta = manifest.at("/privacy/delta").asDouble();
        CanaryAudit.Result r = CanaryAudit.run(real, config, manifest.path("method").asText(), epsilon, delta,
                CanaryAudit.replay(manifest, config, seed), a.canaries(), a.canaryConfidence(), RandomSource.of(seed), work, progress);
        return full.withCanary(r, canaryCheck(r));
    }

    public static Check canaryCheck(CanaryAudit.Result r) {
        return Check.atMost("deep", "canary_epsilon_lower_bound", r.bound(), r.claimedEpsilon(), 0, 1, String.format(Locale.ROOT,
                "one-run audit (Steinke, Nasr and Jagielski 2023) of %s: %d canaries, %d in; the attacker saw %d canaries' tokens and guessed"
                        + " %d of %d right; epsilon is at least %.3f with %.0f %% confidence, against the claimed %s (delta %s)",
                r.method(), r.canaries(), r.included(), r.tokens(), r.correct(), r.guesses(), r.bound(), 100 * r.confidence(),
                r.claimedEpsilon(), r.delta()));
    }

    /** The tier named on the command line. */
    public static Tier tier(String name) {
        for (Tier t : Tier.values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new BadInputException("--tier must be quick, standard, full or deep, not " + name);
    }
}
