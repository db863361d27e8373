package org.telesynth.synth;

import com.fasterxml.jackson.databind.JsonNode;
import org.telesynth.BadInputException;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Dataset;
import org.telesynth.io.Manifests;
import org.telesynth.io.OutputPaths;
import org.telesynth.ledger.Ledger;

import java.util.Iterator;

/**
 * The checks that tie a release's private input to the ledger it charges, all before the charge:
 * <ul>
 *   <li>AGG names the dataset it was aggregated from, and that is the dataset of {@code --data}, whose ledger
 *       must exist and carry the same id (a ledger is made by load or budget init, never by a release, so deleting
 *       it cannot reset the budget);</li>
 *   <li>AGG was bounded as the plan assumes: the same window, and per table the same k, clamps and value lists
 *       (a plan's sensitivities rest on them: AGG bounded to 160 rows and a plan that assumes 1 would understate
 *       rho 25,600 times).</li>
 * </ul>
 * An event log has no AGG: its folder must be {@code --data} itself.
 */
final class DatasetBinding {
    private DatasetBinding() {
    }

    /** The dataset id the release charges, after every check; bad input when one fails. */
    static String check(Synthesizer.Input input, ReleaseRunner.Paths paths, ReleaseConfig config, Ledger ledger) {
        if (input == Synthesizer.Input.EVENT_LOG) {
            if (!OutputPaths.real(paths.in()).equals(OutputPaths.real(paths.data()))) {
                throw new BadInputException("--in " + paths.in() + " and --data " + paths.data() + " differ: an event log is charged"
                        + " to its own folder's ledger, so give the same folder to both");
            }
            return ledger.read().datasetId();
        }
        JsonNode agg = Manifests.readIfPresent(paths.in().resolve("manifest.json"));
        if (agg == null || !agg.path("stage").asText().equals("aggregate")) {
            throw new BadInputException("--in: " + paths.in() + " is not aggregate's output (no aggregate manifest.json): run telesynth aggregate");
        }
        String aggId = agg.path(Dataset.KEY).asText(null);
        String dataId = Dataset.id(paths.data(), "--data");
        if (aggId == null || !aggId.equals(dataId)) {
            throw new BadInputException("--in: AGG " + paths.in() + " was aggregated from dataset " + aggId + ", but --data " + paths.data()
                    + " is dataset " + dataId + ": give the real tables AGG came from");
        }
        String ledgerId = ledger.read().datasetId();
        if (!dataId.equals(ledgerId)) {
            throw new BadInputException("the ledger " + ledger.location() + " belongs to dataset " + ledgerId + ", not to " + dataId
                    + " (a ledger copied from another dataset?): restore this dataset's ledger");
        }
        JsonNode planned = Manifests.json().valueToTree(config.bounding());
        String diff = firstDifference(agg.path("bounding"), planned, "");
        if (diff != null) {
            throw new BadInputException("--in: AGG was bounded otherwise than this release's configuration assumes (" + diff
                    + "): aggregate again with " + config.source() + ", or release with the configuration AGG was built with");
        }
        return dataId;
    }

    /** The first key path where the two trees differ, with both values, or null when equal. */
    static String firstDifference(JsonNode agg, JsonNode plan, String path) {
        if (agg.equals(plan)) {
            return null;
        }
        if (agg.isObject() && plan.isObject()) {
            for (Iterator<String> it = plan.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                String d = firstDifference(agg.path(k), plan.get(k), path.isEmpty() ? k : path + "." + k);
                if (d != null) {
                    return d;
                }
            }
            for (Iterator<String> it = agg.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!plan.has(k)) {
                    return (path.isEmpty() ? k : path + "." + k) + ": AGG " + agg.get(k) + ", config none";
                }
            }
        }
        return (path.isEmpty() ? "bounding" : path) + ": AGG " + (agg.isMissingNode() ? "none" : agg) + ", config " + plan;
    }
}
