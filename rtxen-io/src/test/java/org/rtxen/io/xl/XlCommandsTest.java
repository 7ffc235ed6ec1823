package org.rtxen.io.xl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.HostSpec;
import org.rtxen.model.Overheads;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.SchedulerKind;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.params.CreditParams;
import org.rtxen.model.params.PoolParams;
import org.rtxen.model.params.RtdsParams;
import org.rtxen.model.params.RtdsVcpuParams;

class XlCommandsTest {
    @Test
    void schedRtds_wholeMicroseconds_writesXen410Syntax() {
        assertEquals("xl sched-rtds -d vm1 -v 0 -p 10000 -b 4000 -e 1",
                XlCommands.schedRtds("vm1", 0, 10_000_000, 4_000_000, true));
        assertEquals("xl sched-rtds -d vm1 -v all -p 100 -b 100 -e 0",
                XlCommands.schedRtds("vm1", -1, 100_000, 100_000, false));
    }

    @Test
    void schedRtds_fractionOfMicrosecond_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> XlCommands.schedRtds("vm1", 0, 10_000_000, 4_000_500, true));
    }

    @Test
    void forScenario_twoPools_removesCreatesMigratesPinsAndSetsParameters() {
        PoolSpec boot = new PoolSpec("Pool-0", SchedulerKind.CREDIT, List.of(0, 1), new PoolParams.None());
        PoolSpec rt = new PoolSpec("rt", SchedulerKind.RTDS, List.of(2, 3), new PoolParams.None());
        RtdsParams rtds = new RtdsParams(10_000_000, 4_000_000, false,
                List.of(new RtdsVcpuParams(1, 5_000_000, 1_000_000, true)));
        DomainSpec dom0 = new DomainSpec("Domain-0", true, "Pool-0", 1, new CreditParams(512, 0), List.of(), GuestSpec.IDLE);
        DomainSpec vm = new DomainSpec("vm1", false, "rt", 2, rtds, List.of(2, 3), GuestSpec.IDLE);
        Scenario s = new Scenario(1_000_000_000L, 1, HostSpec.flat(4), List.of(boot, rt), List.of(dom0, vm), Overheads.NONE);
        assertEquals(List.of(
                "# boot Xen with sched=credit (the boot pool's scheduler is not set by xl)",
                "xl cpupool-cpu-remove Pool-0 2",
                "xl cpupool-cpu-remove Pool-0 3",
                "xl cpupool-create 'name=\"rt\"' 'sched=\"rtds\"' 'cpus=\"2,3\"'",
                "xl sched-credit -d Domain-0 -w 512 -c 0",
                "xl cpupool-migrate vm1 rt",
                "xl vcpu-pin vm1 all 2,3",
                "xl sched-rtds -d vm1 -v 0 -p 10000 -b 4000 -e 0",
                "xl sched-rtds -d vm1 -v 1 -p 5000 -b 1000 -e 1"), XlCommands.forScenario(s));
    }
}
