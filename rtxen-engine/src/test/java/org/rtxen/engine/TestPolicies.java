package org.rtxen.engine;

import java.util.ArrayList;
import java.util.List;
import org.rtxen.engine.machine.Decision;
import org.rtxen.engine.machine.SchedulerFactory;
import org.rtxen.engine.machine.VcpuScheduler;
import org.rtxen.model.PoolSpec;

/** A factory of {@link RecordingFifoPolicy} instances that remembers what it created. */
public final class TestPolicies implements SchedulerFactory {
    private final List<RecordingFifoPolicy> created = new ArrayList<>();
    private final long sliceNs;

    /** Policies that arm no slice timer. */
    public TestPolicies() {
        this(Decision.NO_TIMER);
    }

    /** Policies that give each VCPU they run a slice of {@code sliceNs}. */
    public TestPolicies(long sliceNs) {
        this.sliceNs = sliceNs;
    }

    @Override
    public VcpuScheduler create(PoolSpec pool) {
        RecordingFifoPolicy p = new RecordingFifoPolicy(sliceNs);
        created.add(p);
        return p;
    }

    /** The policy created {@code i}-th (the pool of that index). */
    public RecordingFifoPolicy get(int i) {
        return created.get(i);
    }

    /** The last policy created. */
    public RecordingFifoPolicy last() {
        return created.get(created.size() - 1);
    }
}
