package org.rtxen.sched.arinc653;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rtxen.model.Time.MS;
import static org.rtxen.model.Time.US;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.rtxen.engine.InvariantChecker;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.sched.Runs;
import org.rtxen.sched.ScenarioBuilder;
import org.rtxen.sched.Schedulers;

/**
 * On random schedule tables a running VCPU is always inside one of its own slots, and over whole major frames each busy
 * domain runs exactly its slots' time and a never-runnable one not at all (A3.4, 7.A1).
 */
class Arinc653PropertiesTest {
    @Property(tries = 50)
    void schedule_randomTable_vcpusRunOnlyInTheirSlotsAndBusyOnesFillThem(@ForAll long seed) {
        // A random table of 1-8 slots (0.1-10 ms each) over up to 4 domains, some always busy and some never
        // runnable, and a major frame of the slots' sum plus 0-5 ms. By A3.4 and 7.A1, at every instant t the
        // pCPU runs the owner of the slot containing t mod frame if that owner is busy, and idles otherwise. So
        // (1) a running VCPU is always inside one of its own slots, and (2) over a whole number of frames each
        // busy domain runs exactly frames x the sum of its slots, and a never-runnable one not at all.
        SplittableRandom rnd = new SplittableRandom(seed);
        int domains = 1 + rnd.nextInt(4);
        boolean[] busy = new boolean[domains];
        for (int d = 0; d < domains; d++) busy[d] = rnd.nextInt(4) != 0;
        List<Arinc653Slot> slots = new ArrayList<>();
        long[] owned = new long[domains];
        long sum = 0;
        int n = 1 + rnd.nextInt(8);
        for (int i = 0; i < n; i++) {
            int d = rnd.nextInt(domains);
            long runtime = (1 + rnd.nextInt(100)) * 100 * US;
            slots.add(new Arinc653Slot("d" + d, 0, runtime));
            owned[d] += runtime;
            sum += runtime;
        }
        long frame = sum + rnd.nextInt(6) * MS;
        int frames = 20;
        ScenarioBuilder b = ScenarioBuilder.host(1, frames * frame)
                .scheduler("arinc653", new Arinc653Schedule(frame, slots));
        for (int d = 0; d < domains; d++) {
            b.domain("d" + d, new Arinc653Params(), busy[d] ? ScenarioBuilder.busy() : GuestSpec.IDLE);
        }
        Simulation sim = Simulation.of(b.build(), Schedulers.factory()).observe(new InvariantChecker());
        sim.observe(s -> {
            Vcpu cur = s.host().pcpu(0).current();
            if (cur.isIdle()) return;
            long offset = s.now() % frame;
            long start = 0;
            boolean inOwnSlot = false;
            for (Arinc653Slot slot : slots) {
                if (offset >= start && offset < start + slot.runtimeNs() && slot.domain().equals(cur.domain().name())) {
                    inOwnSlot = true;
                }
                start += slot.runtimeNs();
            }
            assertTrue(inOwnSlot, cur + " runs at offset " + offset + " of the frame, outside its slots");
        });
        SimulationResult r = sim.run();
        for (int d = 0; d < domains; d++) {
            assertEquals(busy[d] ? frames * owned[d] : 0, Runs.domain(r, "d" + d).runNs(), "d" + d);
        }
    }
}
