package org.telesynth.cli;

import org.telesynth.ledger.Ledger;
import org.telesynth.privacy.LedgerEntry;
import org.telesynth.privacy.PrivacyEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;

@Command(name = "budget", mixinStandardHelpOptions = true,
        description = "The privacy-budget ledger of a dataset (DIR/.telesynth/ledger.json, made by load with the config's cap,"
                + " bound to the dataset id): set its cap, show what is spent, or record a release made outside telesynth."
                + " Every synthesizer charges its whole plan here before reading the data; a charge over the cap is refused"
                + " with exit code 3.",
        subcommands = {BudgetCommand.Init.class, BudgetCommand.Show.class, BudgetCommand.Charge.class, BudgetPlanCommand.class,
                BudgetHistoryCommand.class, BudgetMigrateCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  telesynth budget init --data data/real --epsilon 4 --delta 1e-5",
                "  telesynth budget show --data data/real",
                "  telesynth budget charge --data data/real --epsilon 0.5 --delta 0 --method \\",
                "      manual-dashboard"})
final class BudgetCommand {

    @Command(name = "init", mixinStandardHelpOptions = true, description = "Set (or change) the dataset's total cap.",
            footerHeading = "%nExamples:%n",
            footer = {"  telesynth budget init --data data/real --epsilon 4 --delta 1e-5",
                    "  telesynth budget init --data data/real --epsilon 8 --delta 1e-5",
                    "  telesynth budget init --data data/real --study   # a simulated fleet"})
    static final class Init implements Callable<Integer> {
        @Option(names = "--data", required = true, paramLabel = "DIR", description = "The real tables' directory.")
        Path data;

        @Option(names = "--epsilon", paramLabel = "E", description = "Total epsilon for every release of this data.")
        Double epsilon;

        @Option(names = "--delta", paramLabel = "D", description = "Total delta, in (0, 1).")
        Double delta;

        @Option(names = "--study", description = "Make this a study ledger: for public data only (a simulated fleet, which its"
                + " manifest says): charges are recorded and never refused, and nothing released on it is for sharing.")
        boolean study;

        @picocli.CommandLine.Mixin
        QuietOption quiet;

        @picocli.CommandLine.Mixin
        LedgerOption ledgerOption;

        @picocli.CommandLine.Mixin
        JsonOption json;

        @Override
        public Integer call() {
            Ledger ledger = Ledger.of(data);
            if (!study && (epsilon == null || delta == null)) {
                throw new org.telesynth.BadInputException("budget init needs --epsilon and --delta (or --study, for a simulated fleet)");
            }
            if (study) {
                org.telesynth.io.Dataset.requireSimulated(data);
            }
            Ledger.State s = epsilon == null && delta == null ? ledger.read() : ledger.init(epsilon == null ? ledger.read().capEpsilon() : epsilon,
                    delta == null ? ledger.read().capDelta() : delta);
            if (study) {
                ledger.markStudy("budget init --study", "a simulated (public) fleet: charges are recorded, never refused;"
                        + " nothing released on it is for sharing");
            }
            if (json.json) {
                JsonOption.print(Show.json(ledger.read(), ledger));
                return ExitCode.OK;
            }
            System.out.print(Show.describe(s, ledger));
            return ExitCode.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the cap, what is spent and what is left.",
            footerHeading = "%nExamples:%n",
            footer = {"  telesynth budget show --data data/real"})
    static final class Show implements Callable<Integer> {
        @Option(names = "--data", required = true, paramLabel = "DIR", description = "The real tables' directory.")
        Path data;

        @picocli.CommandLine.Mixin
        JsonOption json;

        @picocli.CommandLine.Mixin
        QuietOption quiet;

        @picocli.CommandLine.Mixin
        LedgerOption ledgerOption;

        @Override
        public Integer call() {
            Ledger.State s = Ledger.of(data).read();
            if (json.json) {
                JsonOption.print(json(s, Ledger.of(data)));
                return ExitCode.OK;
            }
            System.out.print(describe(s, Ledger.of(data)));
            return ExitCode.OK;
        }

        static java.util.Map<String, Object> json(Ledger.State s, Ledger ledger) {
            {
                java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("dataset", s.dataset());
                m.put("dataset_id", s.datasetId());
                m.put("ledger", ledger.location());
                m.put("cap", java.util.Map.of("epsilon", s.capEpsilon(), "delta", s.capDelta()));
                m.put("spent", java.util.Map.of("epsilon", s.spentEpsilon(), "delta", s.spentDelta()));
                m.put("remaining", java.util.Map.of("epsilon", Math.max(0, s.capEpsilon() - s.spentEpsilon()),
                        "delta", Math.max(0, s.capDelta() - s.spentDelta())));
                m.put("study", ledger.isStudy());
                m.put("entries", s.entries());
                return m;
            }
        }

        static String describe(Ledger.State s, Ledger ledger) {
            StringBuilder b = new StringBuilder();
            if (ledger.isStudy()) {
                b.append("study ledger (").append(ledger.study().path("made_by").asText()).append("): public data; charges are recorded,"
                        + " never refused, and nothing released on it is for sharing\n");
            }
            b.append("ledger    ").append(ledger.location()).append('\n');
            b.append(String.format(Locale.ROOT, "dataset   %s (id %s)%ncap       epsilon %.6g  delta %.3g%nspent     epsilon %.6g  delta %.3g"
                            + "%nremaining epsilon %.6g  delta %.3g%n", s.dataset(), s.datasetId(), s.capEpsilon(), s.capDelta(), s.spentEpsilon(),
                    s.spentDelta(), Math.max(0, s.capEpsilon() - s.spentEpsilon()), Math.max(0, s.capDelta() - s.spentDelta())));
            for (LedgerEntry e : s.entries()) {
                b.append(String.format(Locale.ROOT, "  %s  %-22s epsilon %.6g  delta %.3g  %s%s%s%n", e.time(), e.method(),
                        e.epsilon(), e.delta(), e.runId(), e.seeded() ? "  (seeded: not for release)" : "",
                        e.outcome().equals(LedgerEntry.CHARGED) ? "  (not completed: charged, no release in place)" : ""));
            }
            return b.toString();
        }
    }

    @Command(name = "charge", mixinStandardHelpOptions = true,
            description = "Record a release made outside telesynth (a pure (epsilon, delta) charge).",
            footerHeading = "%nExamples:%n",
            footer = {"  telesynth budget charge --data data/real --epsilon 0.5 --delta 0 --method \\",
                "      manual-dashboard"})
    static final class Charge implements Callable<Integer> {
        @Option(names = "--data", required = true, paramLabel = "DIR", description = "The real tables' directory.")
        Path data;

        @Option(names = "--epsilon", required = true, paramLabel = "E", description = "Epsilon spent.")
        double epsilon;

        @Option(names = "--delta", defaultValue = "0", paramLabel = "D", description = "Delta spent. Default: ${DEFAULT-VALUE}.")
        double delta;

        @Option(names = "--method", defaultValue = "manual", paramLabel = "NAME", description = "What the release was.")
        String method;

        @Option(names = "--override", description = "Charge even over the budget policy's per-release allowance (never over the cap);"
                + " recorded in the audit log.")
        boolean override;

        @Option(names = "--attempts", paramLabel = "N", hidden = true,
                description = "Attempt N charges, refusals included, and print one JSON line of outcomes and latencies (scripts/bench-ledger.sh).")
        Integer attempts;

        @Option(names = "--repeat", defaultValue = "1", paramLabel = "N", hidden = true,
                description = "Charge N times, stopping at the first refusal (for the ledger's concurrency tests).")
        int repeat;

        @picocli.CommandLine.Mixin
        QuietOption quiet;

        @picocli.CommandLine.Mixin
        LedgerOption ledgerOption;

        @picocli.CommandLine.Mixin
        JsonOption json;

        @Override
        public Integer call() {
            PrivacyEvent event = delta > 0 ? new PrivacyEvent.ApproxDp(epsilon, delta, method) : new PrivacyEvent.PureDp(epsilon, method);
            Ledger ledger = Ledger.of(data);
            if (attempts != null) {
                return attempt(ledger, event);
            }
            for (int i = 0; i < repeat; i++) {
                LedgerEntry entry = new LedgerEntry(UUID.randomUUID().toString(), method, LedgerEntry.describe(List.of(event)),
                        epsilon, delta, "", Instant.now().toString(), false, LedgerEntry.RELEASED);
                Ledger.State s = ledger.charge(entry, override);
                if (json.json) {
                    JsonOption.print(java.util.Map.of("run_id", entry.runId(), "charged", java.util.Map.of("epsilon", epsilon, "delta", delta),
                            "remaining", java.util.Map.of("epsilon", Math.max(0, s.capEpsilon() - s.spentEpsilon()),
                                    "delta", Math.max(0, s.capDelta() - s.spentDelta()))));
                    continue;
                }
                System.out.printf(Locale.ROOT, "charged epsilon %.6g, delta %.3g; remaining epsilon %.6g, delta %.3g%n", epsilon,
                        delta, Math.max(0, s.capEpsilon() - s.spentEpsilon()), Math.max(0, s.capDelta() - s.spentDelta()));
                System.out.flush();
            }
            return ExitCode.OK;
        }

        /** The benchmark's client: N attempts, each timed, a refusal counted rather than fatal. */
        private int attempt(Ledger ledger, PrivacyEvent event) {
            int charged = 0;
            int refused = 0;
            List<Double> millis = new java.util.ArrayList<>();
            long started = System.currentTimeMillis();
            for (int i = 0; i < attempts; i++) {
                LedgerEntry entry = new LedgerEntry(UUID.randomUUID().toString(), method, LedgerEntry.describe(List.of(event)),
                        epsilon, delta, "", Instant.now().toString(), false, LedgerEntry.RELEASED);
                long t0 = System.nanoTime();
                try {
                    ledger.charge(entry, override);
                    charged++;
                } catch (org.telesynth.BudgetRefusedException e) {
                    refused++;
                }
                millis.add((System.nanoTime() - t0) / 1e6);
            }
            JsonOption.print(java.util.Map.of("charged", charged, "refused", refused, "millis", millis, "started_ms", started,
                    "ended_ms", System.currentTimeMillis()));
            return ExitCode.OK;
        }
    }
}
