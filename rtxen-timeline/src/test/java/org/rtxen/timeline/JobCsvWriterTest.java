package org.rtxen.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtxen.model.result.DomainResult;
import org.rtxen.model.result.TaskResult;

@Timeout(60)
class JobCsvWriterTest {
    /**
     * golden/budget.yaml by hand (RTDS is EDF on the VCPUs' server deadlines, one pCPU):
     * <ul>
     * <li>0 ms: both jobs released; vm (deadline 10 ms) runs first: vm job 0 runs 0-2 ms, response 2 ms;
     * <li>2 ms: slow runs its job 0 (start 2 ms) until its 1 ms budget is gone at 3 ms, then waits out of budget;
     * <li>10 ms: vm job 1 runs 10-12 ms;
     * <li>20 ms: both replenished and released; vm's deadline (30 ms) is earlier than slow's (40 ms): vm job 2 runs
     * 20-22 ms, then slow finishes job 0's last 1 ms at 23 ms, after its 20 ms deadline: response 23 ms, missed;
     * its budget is gone again at 23 ms, so job 1 (ready at 23 ms, deadline 40 ms) never runs;
     * <li>30 ms: vm job 3 runs 30-32 ms;
     * <li>40 ms: the end; slow's job 1 is unfinished, its deadline (40 ms) is not before the end: not missed.
     * </ul>
     */
    @Test
    void budgetScenario_oneRowPerJob_asDerivedByHand() {
        Runs.Output out = Runs.csv(Runs.scenario("golden/budget.yaml"));
        String expected = """
                domain,task,job,release_ns,start_ns,completion_ns,deadline_ns,response_ns,missed
                vm,t,0,0,0,2000000,10000000,2000000,0
                vm,t,1,10000000,10000000,12000000,20000000,2000000,0
                vm,t,2,20000000,20000000,22000000,30000000,2000000,0
                slow,t,0,0,2000000,23000000,20000000,23000000,1
                vm,t,3,30000000,30000000,32000000,40000000,2000000,0
                slow,t,1,20000000,,,40000000,,0
                """;
        assertEquals(expected, out.text());
        assertEquals(expected, Runs.text("golden/budget.jobs.csv"));
    }

    /** The CSV agrees with the run's own metrics: one row per completed job, one missed row per miss. */
    @Test
    void globalScenario_rowsAgreeWithTaskMetrics() {
        Runs.Output out = Runs.csv(Runs.scenario("global.yaml"));
        List<String[]> rows = out.text().lines().skip(1).map(l -> l.split(",", -1)).toList();
        for (DomainResult d : out.result().domains()) {
            for (TaskResult t : d.tasks()) {
                List<String[]> mine = rows.stream().filter(r -> r[0].equals(d.name()) && r[1].equals(t.name())).toList();
                assertEquals(t.completed(), mine.stream().filter(r -> !r[5].isEmpty()).count(), d.name());
                assertEquals(t.missed(), mine.stream().filter(r -> r[8].equals("1")).count(), d.name());
                for (String[] r : mine) {
                    if (r[5].isEmpty()) continue;
                    assertEquals(Long.parseLong(r[5]) - Long.parseLong(r[3]), Long.parseLong(r[7]));
                }
            }
        }
    }

    @Test
    void csvField_quotesCommasAndQuotes() {
        assertEquals("plain", Csv.field("plain"));
        assertEquals("\"a,b\"", Csv.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
    }
}
