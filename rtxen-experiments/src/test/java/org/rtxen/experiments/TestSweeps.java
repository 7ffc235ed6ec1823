package org.rtxen.experiments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rtxen.experiments.sweep.Sweep;
import org.rtxen.experiments.sweep.SweepReader;

/** Small sweeps for tests: one RTDS pCPU, two single-VCPU guests with planned budgets. */
final class TestSweeps {
    /** 2 utilisation points x 2 server kinds x 3 replications = 12 runs of 200 ms. */
    static final String SMALL = """
            name: small
            seed: 5
            replications: 3
            scenario:
              duration: 200ms
              host: {pcpus: 1}
              domains:
                - name: a
                  rtds: {period: 5ms, budget: 2ms, extratime: false}
                  guest: {scheduler: edf}
                - name: b
                  rtds: {period: 5ms, budget: 2ms, extratime: false}
                  guest: {scheduler: edf}
            utilization: [0.3, 0.7]
            generator:
              method: uunifast
              tasks: 4
              period: {min: 10ms, max: 50ms, unit: 100us}
            axes:
              - name: server
                key: domains[*].guest.busy
                values:
                  - {label: deferrable, value: false}
                  - {label: periodic, value: true}
            vcpus: planned
            analyses: [plan, csa:bcl, host:edf]
            """;

    private TestSweeps() {}

    /** Writes {@code text} as {@code dir/NAME.yaml} and reads it. */
    static Sweep write(Path dir, String name, String text) throws IOException {
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, text);
        return SweepReader.read(f);
    }
}
