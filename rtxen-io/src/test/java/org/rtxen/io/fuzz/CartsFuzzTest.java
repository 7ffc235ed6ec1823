package org.rtxen.io.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import org.rtxen.io.analysis.CartsReader;

/** Fuzzes the CARTS XML reader ({@code rtxen analyze --carts-xml}); corpus in {@code CartsFuzzTestInputs/carts}. */
class CartsFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void carts(byte[] input) {
        ReaderContract.check(() -> CartsReader.read(new ByteArrayInputStream(input), ReaderContract.SOURCE));
    }
}
