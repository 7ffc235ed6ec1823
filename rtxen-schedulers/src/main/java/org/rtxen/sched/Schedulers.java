package org.rtxen.sched;

import org.rtxen.engine.sched.SchedulerFactory;
import org.rtxen.engine.sched.VcpuScheduler;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.SchedulerKind;
import org.rtxen.sched.arinc653.Arinc653Scheduler;
import org.rtxen.sched.credit.CreditScheduler;
import org.rtxen.sched.rtds.RtdsScheduler;

/** The registry of scheduling policies: one constant per policy, naming its {@link SchedulerKind} and constructor. */
public enum Schedulers {
    /** Xen 4.17 RTDS. */
    RTDS(SchedulerKind.RTDS, pool -> new RtdsScheduler()),
    /** Xen 4.17 Credit (credit1). */
    CREDIT(SchedulerKind.CREDIT, pool -> new CreditScheduler()),
    /** Xen 4.17 ARINC653 with 4.21 frame anchoring. */
    ARINC653(SchedulerKind.ARINC653, pool -> new Arinc653Scheduler());

    private final SchedulerKind kind;
    private final SchedulerFactory factory;

    Schedulers(SchedulerKind kind, SchedulerFactory factory) {
        this.kind = kind;
        this.factory = factory;
    }

    /** The Xen policy this entry implements. */
    public SchedulerKind kind() {
        return kind;
    }

    /** Creates a policy instance for {@code pool}. */
    public VcpuScheduler create(PoolSpec pool) {
        return factory.create(pool);
    }

    /** The factory the simulator uses: each pool gets a new instance of the policy its spec names. */
    public static SchedulerFactory factory() {
        return pool -> forKind(pool.scheduler()).create(pool);
    }

    /** The registered entry for {@code kind}; throws {@link IllegalArgumentException} if the policy is not built in. */
    public static Schedulers forKind(SchedulerKind kind) {
        for (Schedulers s : values()) {
            if (s.kind == kind) return s;
        }
        throw new IllegalArgumentException("scheduler '" + kind.xenName() + "' is not available in this build");
    }
}
