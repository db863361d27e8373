package org.telesynth.synth;

import org.telesynth.config.ReleaseConfig;
import org.telesynth.privacy.PrivacyEvent;

import java.util.List;
import java.util.Map;

/** A method's plan: the privacy events it will spend, and the public settings it was built from. */
public interface SynthesisPlan {
    /** Every privacy event of the release; they compose to at most the requested budget. */
    List<PrivacyEvent> events();

    /** The configuration the plan was built from. */
    ReleaseConfig config();

    /** The settings actually used (public), for the manifest. */
    Map<String, Object> publicSettings();
}
