package org.rtxen.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rtxen.io.RandomScenarios;
import org.rtxen.model.Scenario;

/**
 * One scenario of a writer's campaign: each seed's fine and aligned random scenario of a policy, with a name for
 * failure messages and file names, and the event at which its stopped run stops.
 */
record CampaignScenario(String name, long seed, Scenario scenario) {
    /** The fine and the aligned scenario of each of {@code seeds} seeds from {@code first}, for {@code policy}. */
    static List<CampaignScenario> of(String policy, long first, int seeds) {
        List<CampaignScenario> all = new ArrayList<>();
        for (long seed = first; seed < first + seeds; seed++) {
            all.add(new CampaignScenario(policy + "-" + seed, seed, RandomScenarios.generate(policy, seed)));
            all.add(new CampaignScenario(policy + "-" + seed + "-aligned", seed, RandomScenarios.aligned(policy, seed)));
        }
        return all;
    }

    /** The number of events, from 1 to {@code events} (at least 1), after which its stopped run stops. */
    long stopAt(long events) {
        return 1 + new SplittableRandom(seed).nextLong(events);
    }
}
