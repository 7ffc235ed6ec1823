package org.rtxen.sched;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rtxen.engine.codec.SchedulerCodec;
import org.rtxen.engine.machine.SchedulerFactory;
import org.rtxen.engine.machine.VcpuScheduler;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Quoted;
import org.rtxen.sched.arinc653.Arinc653Codec;
import org.rtxen.sched.arinc653.Arinc653Scheduler;
import org.rtxen.sched.credit.CreditCodec;
import org.rtxen.sched.credit.CreditScheduler;
import org.rtxen.sched.credit2.Credit2Codec;
import org.rtxen.sched.credit2.Credit2Scheduler;
import org.rtxen.sched.nul.NullCodec;
import org.rtxen.sched.nul.NullScheduler;
import org.rtxen.sched.rtds.RtdsCodec;
import org.rtxen.sched.rtds.RtdsPoolParams;
import org.rtxen.sched.rtxen1.Rtxen1Codec;
import org.rtxen.sched.rtxen1.Rtxen1Scheduler;
import org.rtxen.sched.rtxen2.RtGlobalScheduler;
import org.rtxen.sched.rtxen2.RtPartitionScheduler;
import org.rtxen.sched.rtxen2.Rtxen2Codec;
import org.rtxen.sched.sedf.SedfCodec;
import org.rtxen.sched.sedf.SedfScheduler;

/**
 * The registry of scheduling policies, the only place outside a policy's package that names its classes: one line
 * per policy pairing its codec (which carries its Xen name) with its scheduler's constructor. Everything else (the
 * simulator, the scenario reader and writer, xl commands, the real-Xen harness, the conformance suites) finds policies
 * here by name.
 */
public final class Schedulers {
    /** One registered policy: its codec (and so its name) and the factory of its per-pool scheduler instances. */
    public record Policy(SchedulerCodec codec, SchedulerFactory factory) {
        /** The policy's Xen name, e.g. {@code rtds}. */
        public String name() {
            return codec.name();
        }
    }

    private static final Map<String, Policy> POLICIES = index(List.of(
            new Policy(new RtdsCodec(), pool -> RtdsPoolParams.variantOf(pool.params()).newScheduler()), // RTDS 4.17, or 4.5/4.7
            new Policy(new CreditCodec(), pool -> new CreditScheduler()),       // Xen 4.17 Credit (credit1)
            new Policy(new Arinc653Codec(), pool -> new Arinc653Scheduler()),   // Xen 4.17 ARINC653, 4.21 frame anchoring
            new Policy(new Credit2Codec(), pool -> new Credit2Scheduler()),     // Xen 4.17 Credit2
            new Policy(new NullCodec(), pool -> new NullScheduler()),           // Xen 4.17 null
            new Policy(new Rtxen1Codec(), pool -> new Rtxen1Scheduler()),       // RT-Xen 1.0 fixed-priority servers
            new Policy(Rtxen2Codec.global(), pool -> new RtGlobalScheduler()),  // RT-Xen 2.0 rtglobal
            new Policy(Rtxen2Codec.partition(), pool -> new RtPartitionScheduler()), // RT-Xen 2.0 rtpartition
            new Policy(new SedfCodec(), pool -> new SedfScheduler())));         // Xen 4.5 SEDF (removed in 4.6)

    /** The names of {@link #POLICIES}, made once: the scenario reader asks for them for every domain it reads. */
    private static final List<String> NAMES = List.copyOf(POLICIES.keySet());

    private Schedulers() {}

    private static Map<String, Policy> index(List<Policy> policies) {
        Map<String, Policy> byName = new LinkedHashMap<>();
        for (Policy p : policies) {
            if (byName.put(p.name(), p) != null) throw new IllegalStateException("policy " + p.name() + " registered twice");
        }
        return byName;
    }

    /** Every registered policy, in registration order. */
    public static List<Policy> all() {
        return List.copyOf(POLICIES.values());
    }

    /** The registered policy names in registration order, e.g. {@code [rtds, credit, arinc653]}. */
    public static List<String> names() {
        return NAMES;
    }

    /** The policy named {@code name}, if registered. */
    public static Optional<Policy> find(String name) {
        return Optional.ofNullable(POLICIES.get(name));
    }

    /** The policy named {@code name}; throws {@link IllegalArgumentException} if it is not built in. */
    public static Policy get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("scheduler " + Quoted.of(name)
                + " is not available in this build (known: " + String.join(", ", names()) + ")"));
    }

    /** The codec of the policy named {@code name}; throws {@link IllegalArgumentException} if it is not built in. */
    public static SchedulerCodec codec(String name) {
        return get(name).codec();
    }

    /** Creates a new instance of the policy {@code pool} names. */
    public static VcpuScheduler create(PoolSpec pool) {
        return get(pool.scheduler()).factory().create(pool);
    }

    /** The factory the simulator uses: each pool gets a new instance of the policy its spec names. */
    public static SchedulerFactory factory() {
        return Schedulers::create;
    }
}
