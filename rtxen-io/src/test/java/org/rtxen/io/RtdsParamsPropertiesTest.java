package org.rtxen.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.rtxen.sched.rtds.RtdsParams;

/** The reader accepts exactly the RTDS period and budget pairs Xen accepts (R36: 10 us &lt;= budget &lt;= period). */
class RtdsParamsPropertiesTest {
    @Property
    void parse_periodAndBudgetInMicroseconds_acceptedIffXenAccepts(@ForAll @LongRange(min = -5, max = 2_000) long period,
                                                                   @ForAll @LongRange(min = -5, max = 2_000) long budget) {
        String yaml = "duration: 1s\nhost: {pcpus: 1}\ndomains: [{name: a, rtds: {period: " + period + ", budget: "
                + budget + "}}]\n";
        boolean xenAccepts = budget >= 10 && period >= 10 && budget <= period;
        if (xenAccepts) {
            // Bare numbers are microseconds.
            assertEquals(new RtdsParams(period * 1_000, budget * 1_000, true, List.of()),
                    ScenarioReader.parse(yaml, "p.yaml").domains().get(0).params());
        } else {
            assertThrows(InputException.class, () -> ScenarioReader.parse(yaml, "p.yaml"));
        }
    }
}
