package org.telesynth.report;

import org.telesynth.ledger.Ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The top of every report: the banners (internal, seeded) and the privacy facts of the release: method,
 * (epsilon, delta) spent, run id, what the dataset's ledger has left, and the audit's verdict with its link.
 */
final class PrivacySection {
    static final String INTERNAL = "INTERNAL: contains real data";
    static final String INTERNAL_WHY = "This report holds exact statistics of the real tables (every real answer, groups of"
            + " 1 to 4 devices, real process names): keep it with the data. Share the synthetic tables, or compare --shareable.";
    static final String SEEDED = "SEEDED — not for release";
    static final String SEEDED_WHY = "The release was made with --seed: its noise can be re-derived from the seed, so it"
            + " protects no one. Release again without --seed before sharing anything made from it.";

    private PrivacySection() {
    }

    /** The facts as label/value rows (both report formats print them). */
    static List<String[]> facts(ReportContext x, boolean shareable) {
        List<String[]> rows = new ArrayList<>();
        if (!x.isRelease()) {
            rows.add(new String[]{"release", "not a telesynth release (no release manifest beside the synthetic answers)"});
        } else {
            rows.add(new String[]{"method", x.release().path("method").asText()});
            rows.add(new String[]{"privacy spent", String.format(Locale.ROOT, "epsilon %.4g, delta %.3g (total, device-level: all rows of one guid)",
                    x.release().at("/privacy/epsilon").asDouble(), x.release().at("/privacy/delta").asDouble())});
            rows.add(new String[]{"run id", x.release().path("run_id").asText()});
            rows.add(new String[]{"randomness", x.release().path("randomness").asText()});
        }
        Ledger.State s = x.ledger();
        if (s != null) {
            rows.add(new String[]{"ledger left", String.format(Locale.ROOT, "epsilon %.4g, delta %.3g of the cap (epsilon %s, delta %s); %d release%s charged%s",
                    left(s.capEpsilon() - s.spentEpsilon()), left(s.capDelta() - s.spentDelta()), s.capEpsilon(), s.capDelta(),
                    s.entries().size(), s.entries().size() == 1 ? "" : "s", x.study() ? " (a study ledger: simulated public data, never refused)" : "")});
        } else {
            rows.add(new String[]{"ledger left", "unknown (give compare --real-tables to show the dataset's ledger)"});
        }
        if (shareable) {
            // the audit's verdict is computed from the real data without a mechanism: it stays in the internal report
            rows.add(new String[]{"audit", "in the internal report (its verdict reads the real data)"});
        } else rows.add(new String[]{"audit", x.audit() == null ? "not audited yet: telesynth audit --real REAL --synth SYNTH --out DIR (docs/audit.md)"
                : x.audit().path("verdict").asText() + " (" + x.audit().path("report").asText() + ")"});
        rows.add(new String[]{"data", x.simulated() ? "the embedded simulated fleet (public): published peers' figures shown for reference"
                : "the user's own data: published peers' figures are left out (they were measured on another study's fleet)"});
        return rows;
    }

    /** What is left, with the float dust of summed charges shown as the 0 it is. */
    private static double left(double v) {
        return v < 1e-9 ? 0 : v;
    }

    static String html(ReportContext x, boolean shareable) {
        StringBuilder b = new StringBuilder();
        if (!shareable) {
            b.append("<div class=\"banner internal\"><b>").append(INTERNAL).append("</b> ").append(ReportHtml.esc(INTERNAL_WHY)).append("</div>");
        } else {
            b.append("<div class=\"banner share\"><b>SHAREABLE</b> Only the release's own outputs and public settings: every number"
                    + " computed from the real data (scores, errors, real answers) is left out.</div>");
        }
        if (x.seeded()) {
            b.append("<div class=\"banner seeded\"><b>").append(ReportHtml.esc(SEEDED)).append("</b> ").append(ReportHtml.esc(SEEDED_WHY)).append("</div>");
        }
        b.append("<h2 id=\"privacy\">Privacy</h2><table class=\"facts\">");
        for (String[] r : facts(x, shareable)) {
            String value = ReportHtml.esc(r[1]);
            if (r[0].equals("audit") && x.audit() != null && !shareable) {
                value = "<a href=\"" + ReportHtml.esc(java.nio.file.Path.of(x.audit().path("report").asText()).resolve("audit.html").toUri().toString())
                        + "\">" + value + "</a>";
            }
            b.append("<tr><th>").append(ReportHtml.esc(r[0])).append("</th><td>").append(value).append("</td></tr>");
        }
        return b.append("</table>").toString();
    }

    static String markdown(ReportContext x, boolean shareable) {
        StringBuilder b = new StringBuilder();
        b.append(shareable ? "> **SHAREABLE**: only the release's own outputs and public settings; every number computed from the real data is left out.\n\n"
                : "> **" + INTERNAL + "**. " + INTERNAL_WHY + "\n\n");
        if (x.seeded()) {
            b.append("> **").append(SEEDED).append("**. ").append(SEEDED_WHY).append("\n\n");
        }
        b.append("## Privacy\n\n| | |\n|---|---|\n");
        for (String[] r : facts(x, shareable)) {
            b.append("| ").append(r[0]).append(" | ").append(r[1].replace("|", "\\|")).append(" |\n");
        }
        return b.append('\n').toString();
    }
}
