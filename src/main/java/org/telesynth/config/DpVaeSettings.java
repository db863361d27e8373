package org.telesynth.config;


import org.telesynth.BadInputException;
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

    static DpVaeSettings parse(ConfigNode node) {
        List<List<String>> groups = node.groups("presence_groups");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (List<String> g : groups) {
            for (String t : g) {
                if (!seen.add(t)) {
                    // a table in two groups would put one device in two pattern cells: the one-way vector's
                    // sensitivity would be larger than the plan's sqrt(attributes + groups)
                    throw node.badKey("presence_groups", "names " + t + " in more than one group (groups must not overlap)");
                }
            }
        }
        DpVaeSettings s = new DpVaeSettings(node.share("training_share"), node.share("training_delta_share"),
                node.integer("epochs", 1), node.integer("batch_size", 1), node.positive("clip"),
                node.integer("hidden", 1), node.integer("latent", 1), node.positive("learning_rate"),
                node.integer("threads", 1, 256), node.share("device_share"),
                node.share("eventlog_training_share"), node.integer("eventlog_events_per_user", 1), groups);
        node.rejectUnknown();
        return s;
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
