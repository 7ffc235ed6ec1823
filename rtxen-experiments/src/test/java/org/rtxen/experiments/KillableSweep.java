package org.rtxen.experiments;

import java.nio.file.Path;
import org.rtxen.experiments.store.ResultStore;
import org.rtxen.experiments.sweep.SweepReader;

/** A child JVM for the kill test: runs a sweep and prints "stored N" after each run is recorded in the journal. */
public final class KillableSweep {
    private KillableSweep() {}

    /** Arguments: SWEEP.yaml DIR WORKERS [TIMEOUT_NS]. */
    public static void main(String[] args) {
        long timeoutNs = args.length > 3 ? Long.parseLong(args[3]) : Long.MAX_VALUE;
        SweepRunner.run(SweepReader.read(Path.of(args[0])), Path.of(args[1]), Integer.parseInt(args[2]), new Progress() {
            @Override
            public void start(int total, int done) {}

            @Override
            public void stored(int done, int total) {
                System.out.println("stored " + done);
                System.out.flush();
            }

            @Override
            public void finish() {}
        }, timeoutNs, ResultStore.Delivery.UNBOUNDED);
    }
}
