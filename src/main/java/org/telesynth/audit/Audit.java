package org.telesynth.audit;

import org.telesynth.BadInputException;
import org.telesynth.Progress;
import org.telesynth.config.AuditSettings;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.fidelity.CrossTableFidelity;
import org.telesynth.io.Duck;
import org.telesynth.io.TableViews;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the audit tiers over real (members), synthetic and, when given, holdout tables. Each tier includes the
 * ones below it: quick (exact structural checks and the exact-match scan), standard (column shapes, cross-table
 * fidelity, cardinality, DCR), full (the membership attack).
 */
public final class Audit {
    /** Devices per side for the distance-based statistics: brute-force nearest records stay seconds. */
    static final int DISTANCE_DEVICES = 2000;
    /** Synthetic records the nearest-record search looks through. */
    static final int SYNTHETIC_DEVICES = 20000;

    public enum Tier { quick, standard, full }

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
        try (Connection c = Duck.open()) {
            TableViews.createIn(c, real, "real");
            TableViews.createIn(c, synth, "synth");
            if (holdout != null) {
                TableViews.createIn(c, holdout, "holdout");
            }
            progress.step("quick tier: schema, NULL rates, ranges, integrity, bounds, invariants, exact matches");
            checks.addAll(QuickChecks.run(c, config));
            if (tier == Tier.quick) {
                return new AuditResult(tier.name(), checks, shapes, null, null, null, samples, correlations);
            }
            progress.step("standard tier: column shapes, cross-table fidelity, cardinality, distance to closest record");
            shapes = new ArrayList<>(ColumnShapes.measure(c, a.sampleRows()));
            shapes.sort(Comparator.comparingDouble(ColumnShape::value).reversed());
            checks.add(worst(shapes, "ks", a.maxColumnKs(), a));
            checks.add(worst(shapes, "tvd", a.maxColumnTvd(), a));
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
            if (tier == Tier.full) {
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
            }
        } catch (SQLException e) {
            throw new IllegalStateException(Duck.message(e), e);
        }
        return new AuditResult(tier.name(), checks, shapes, fidelity, roc, dcr, samples, correlations);
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

    /** The tier named on the command line. */
    public static Tier tier(String name) {
        for (Tier t : Tier.values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new BadInputException("--tier must be quick, standard or full, not " + name
                + (name.equals("deep") ? " (the canary audit is not built yet)" : ""));
    }
}
