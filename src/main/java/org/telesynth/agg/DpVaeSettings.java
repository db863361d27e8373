package org.telesynth.agg;

import com.fasterxml.jackson.databind.JsonNode;
import org.telesynth.BadInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * How synthesize-dpvae trains and spends its budget, all public (config; epochs and batch size can be overridden
 * on the command line).
 *
 * @param trainingShare      share of the total epsilon for DP-SGD (the rest goes to the device count and the child
 *                           tables' marginals)
 * @param trainingDeltaShare share of the total delta for DP-SGD
 * @param epochs             passes over the devices (expected): steps = epochs / sampling rate
 * @param batchSize          expected batch size: sampling rate = batch size / noisy device count
 * @param clip               per-example gradient norm bound C
 * @param hidden             width of the encoder's and the decoder's hidden layer
 * @param latent             latent dimensions
 * @param learningRate       Adam's step size
 * @param threads            BLAS/OpenMP threads (1 is fastest for these small layers on 2 cores)
 * @param deviceShare        share of the non-training zCDP budget for the device attributes' one-way marginals
 *                           and the presence groups' pattern counts (they start the decoder and calibrate it)
 * @param eventlogTrainingShare  event-log mode: share of epsilon for DP-SGD (the rest: the user and event counts)
 * @param eventlogEventsPerUser  event-log mode: events kept per user (contribution bound m)
 * @param presenceGroups     child tables whose presences the VAE models as one joint pattern (public: tables the
 *                           workload joins)
 */
public record DpVaeSettings(double trainingShare, double trainingDeltaShare, int epochs, int batchSize, double clip,
                            int hidden, int latent, double learningRate, int threads, double deviceShare,
                            double eventlogTrainingShare, int eventlogEventsPerUser, List<List<String>> presenceGroups) {

    static DpVaeSettings parse(JsonNode node, String source) {
        DpVaeSettings s = new DpVaeSettings(node.path("training_share").asDouble(0.5), node.path("training_delta_share").asDouble(0.5),
                node.path("epochs").asInt(15), node.path("batch_size").asInt(4096), node.path("clip").asDouble(1),
                node.path("hidden").asInt(128), node.path("latent").asInt(16), node.path("learning_rate").asDouble(2e-3),
                node.path("threads").asInt(1), node.path("device_share").asDouble(0.2),
                node.path("eventlog_training_share").asDouble(0.9), node.path("eventlog_events_per_user").asInt(4), groups(node.path("presence_groups")));
        if (!(s.trainingShare > 0 && s.trainingShare < 1) || !(s.trainingDeltaShare > 0 && s.trainingDeltaShare < 1)) {
            throw new BadInputException(source + ": dpvae.training_share and training_delta_share must be in (0, 1)");
        }
        if (s.epochs < 1 || s.batchSize < 1 || !(s.clip > 0) || s.hidden < 1 || s.latent < 1 || !(s.learningRate > 0) || s.threads < 1 || !(s.deviceShare > 0 && s.deviceShare < 1)
                || !(s.eventlogTrainingShare > 0 && s.eventlogTrainingShare < 1) || s.eventlogEventsPerUser < 1) {
            throw new BadInputException(source + ": dpvae.epochs, batch_size, clip, hidden, latent, learning_rate and threads must be positive, device_share in (0, 1),"
                    + " eventlog_training_share in (0, 1), eventlog_events_per_user >= 1");
        }
        return s;
    }

    /** A YAML list of lists of names (also pe.marginals). */
    static List<List<String>> groups(JsonNode node) {
        List<List<String>> out = new ArrayList<>();
        node.forEach(g -> {
            List<String> tables = new ArrayList<>();
            g.forEach(t -> tables.add(t.asText()));
            out.add(List.copyOf(tables));
        });
        return List.copyOf(out);
    }

    /** These settings with the command line's epochs and batch size where given. */
    public DpVaeSettings with(Integer epochs, Integer batchSize) {
        int e = epochs == null ? this.epochs : epochs;
        int b = batchSize == null ? this.batchSize : batchSize;
        if (e < 1 || b < 1) {
            throw new BadInputException("--epochs and --batch-size must be at least 1");
        }
        return new DpVaeSettings(trainingShare, trainingDeltaShare, e, b, clip, hidden, latent, learningRate, threads, deviceShare,
                eventlogTrainingShare, eventlogEventsPerUser, presenceGroups);
    }
}
