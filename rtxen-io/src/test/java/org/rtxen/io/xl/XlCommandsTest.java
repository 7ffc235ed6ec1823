package org.rtxen.io.xl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtxen.io.ScenarioReader;
import org.rtxen.model.Scenario;

class XlCommandsTest {
    @Test
    void forScenario_twoPools_removesCreatesMigratesPinsAndSetsParameters() {
        Scenario s = ScenarioReader.parse("""
                duration: 1s
                host: {pcpus: 4}
                pools:
                  - {name: Pool-0, scheduler: credit, pcpus: [0, 1], credit: {tslice: 10ms}}
                  - {name: rt, scheduler: rtds, pcpus: [2, 3]}
                domains:
                  - {name: Domain-0, pool: Pool-0, credit: {weight: 512}}
                  - name: vm1
                    pool: rt
                    vcpus: 2
                    affinity: [2, 3]
                    rtds: {period: 10ms, budget: 4ms, extratime: false, vcpus: [{id: 1, period: 5ms, budget: 1ms, extratime: true}]}
                """, "s.yaml");
        // Every line in xl's syntax and units: tslice in ms and ratelimit in us (the default 1 ms), RTDS times in us,
        // one sched-rtds per VCPU with -e (R40), VCPU 1 taking its override and VCPU 0 the domain-wide values.
        assertEquals(List.of(
                "# boot Xen with sched=credit (the boot pool's scheduler is not set by xl)",
                "xl sched-credit -s -p Pool-0 -t 10 -r 1000",
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
