package org.rtxen.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rtxen.trace.Accounting;
import org.rtxen.trace.TraceSummary;
import org.rtxen.trace.TscRate;

/**
 * {@code rtxen trace summary}'s work on a synthetic RTDS trace file: 4 pCPUs, each alternating two VCPUs every
 * 100 µs, every switch written as Xen writes it (SCHEDULE, BUDGET_BURN, RUNQ_PICK, two runstate changes), in
 * windows of about 64 KiB taken from the pCPUs in turn. The score is trace records per second, including mapping
 * the file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TraceReaderBenchmark {
    private static final int PCPUS = 4;
    private static final int SWITCHES = 50_000;
    private static final int WINDOW_BYTES = 64 * 1024;
    /** Records in the file: per pCPU one first dispatch and five records per further switch. */
    static final int RECORDS = PCPUS * (1 + 5 * (SWITCHES - 1));
    private static final TscRate GHZ = new TscRate(1_000_000_000L);

    private Path file;

    /** Writes the trace to a temporary file. */
    @Setup(Level.Trial)
    public void writeTrace() throws IOException {
        List<List<byte[]>> windows = new ArrayList<>();
        for (int p = 0; p < PCPUS; p++) windows.add(windows(p));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int w = 0; w < windows.get(0).size(); w++) {
            for (int p = 0; p < PCPUS; p++) {
                byte[] records = windows.get(p).get(w);
                out.writeBytes(ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN)
                        .putInt(0x2001F003).putInt(p).putInt(records.length).array());
                out.writeBytes(records);
            }
        }
        file = Files.createTempFile("rtxen-bench", ".trace");
        Files.write(file, out.toByteArray());
    }

    /** Deletes the temporary file. */
    @TearDown(Level.Trial)
    public void deleteTrace() throws IOException {
        Files.deleteIfExists(file);
    }

    /** Reads and summarises the whole file. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public TraceSummary summary() throws IOException {
        return TraceSummary.read(file, GHZ, Accounting.WHOLE_TRACE);
    }

    /** pCPU {@code p}'s records cut into windows at switch boundaries (every pCPU gets the same number). */
    private static List<byte[]> windows(int p) {
        List<byte[]> windows = new ArrayList<>();
        ByteBuffer b = ByteBuffer.allocate(WINDOW_BYTES + 256).order(ByteOrder.LITTLE_ENDIAN);
        int cur = (2 * p + 1) << 16;
        int other = (2 * p + 2) << 16;
        long base = 5_000_000_000L;
        put(b, 0x00021101, base, cur);
        for (int i = 1; i < SWITCHES; i++) {
            long t = base + i * 100_000L;
            put(b, 0x00022806, t, p);
            put(b, 0x00022803, t, cur, 1000, 0, 100_000, 0, 0);
            put(b, 0x00022802, t, other, 1000, 0, 2000, 0);
            put(b, 0x00021011, t, cur);
            put(b, 0x00021101, t, other);
            int swap = cur;
            cur = other;
            other = swap;
            if (b.position() >= WINDOW_BYTES || i == SWITCHES - 1) {
                windows.add(java.util.Arrays.copyOf(b.array(), b.position()));
                b.clear();
            }
        }
        return windows;
    }

    private static void put(ByteBuffer b, int event, long tsc, int... words) {
        b.putInt(event | words.length << 28 | 1 << 31).putLong(tsc);
        for (int w : words) b.putInt(w);
    }
}
