package org.rtxen.engine;

import java.util.ArrayList;
import java.util.List;
import org.rtxen.engine.machine.SchedulerFactory;
import org.rtxen.engine.machine.VcpuScheduler;
import org.rtxen.model.PoolSpec;

/** A factory of {@link RecordingFifoPolicy} instances that remembers what it created. */
public final class TestPolicies implements SchedulerFactory {
    private final List<RecordingFifoPolicy> created = new ArrayList<>();

    @Override
    public VcpuScheduler create(PoolSpec pool) {
        RecordingFifoPolicy p = new RecordingFifoPolicy();
        created.add(p);
        return p;
    }

    /** The last policy created. */
    public RecordingFifoPolicy last() {
        return created.get(created.size() - 1);
    }
}
