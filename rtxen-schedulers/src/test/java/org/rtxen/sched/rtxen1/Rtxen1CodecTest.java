package org.rtxen.sched.rtxen1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtxen.engine.codec.ParamTree;
import org.rtxen.engine.codec.ParamTreeNode;

/**
 * The RT-Xen 1.0 codec: domain parameters read as given or with the defaults assumed from RT-Xen 2.0 (G3), a default
 * budget above the given period refused naming the default (S1), a negative priority refused, domain and pool
 * parameters of every server kind read back as written, the codec's name and defaults (S8's Deferrable server), and the
 * pool's server switch (S9).
 */
class Rtxen1CodecTest {
    private static final long MS = 1_000_000L;
    private final Rtxen1Codec codec = new Rtxen1Codec();

    @Test
    void readDomain_givenValues_andDefaults() {
        ParamTree t = new ParamTree().time("period", 20 * MS).time("budget", 5 * MS).integer("priority", 3);
        assertEquals(new Rtxen1Params(20 * MS, 5 * MS, 3), codec.readDomain(new ParamTreeNode("rtxen1", t), 1));
        // Only a priority: RT-Xen 2.0's 10 ms / 4 ms defaults (G3, assumed for 1.0).
        assertEquals(new Rtxen1Params(10 * MS, 4 * MS, 7),
                codec.readDomain(new ParamTreeNode("rtxen1", new ParamTree().integer("priority", 7)), 1));
    }

    @Test
    void readDomain_budgetAbovePeriod_namesTheDefault() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> codec.readDomain(new ParamTreeNode("rtxen1", new ParamTree().time("period", 3 * MS)), 1));
        assertTrue(e.getMessage().contains("the default budget 4ms exceeds period 3ms"), e.getMessage());
    }

    @Test
    void readDomain_negativePriority_isRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> codec.readDomain(new ParamTreeNode("rtxen1", new ParamTree().integer("priority", -1)), 1));
    }

    @Test
    void pool_eachServer_readsBackWhatIsWritten() {
        for (Server s : Server.values()) {
            Rtxen1PoolParams p = new Rtxen1PoolParams(s);
            assertEquals(p, codec.readPool(new ParamTreeNode("rtxen1", codec.writePool(p)), "P", Map.of()));
        }
        assertEquals(Server.SPORADIC, Server.byScenarioName("sporadic").orElseThrow());
        assertThrows(IllegalArgumentException.class,
                () -> codec.readPool(new ParamTreeNode("rtxen1", new ParamTree().word("server", "background")), "P", Map.of()));
    }

    @Test
    void readDomain_periodBelowTheDefaultBudget_namesTheDefault() {
        // Only a 3 ms period: the default budget of 4 ms exceeds it (S1); no budget node, so the domain is blamed.
        assertEquals("rtxen1: the default budget 4ms exceeds period 3ms (S1)", assertThrows(IllegalArgumentException.class,
                () -> codec.readDomain(new ParamTreeNode("rtxen1", new ParamTree().time("period", 3 * MS)), 1))
                .getMessage());
    }

    /** The scenario key, the documented defaults (10 ms / 4 ms / priority 0, G3 assumed for 1.0; S8's Deferrable). */
    @Test
    void name_andDefaults() {
        assertEquals("rtxen1", codec.name());
        assertEquals(new Rtxen1Params(10 * MS, 4 * MS, 0), codec.defaultDomain());
        assertEquals(new Rtxen1PoolParams(Server.DEFERRABLE), codec.defaultPool());
    }

    @Test
    void domain_readsBackWhatIsWritten() {
        Rtxen1Params p = new Rtxen1Params(20 * MS, 5 * MS, 3);
        assertEquals(p, codec.readDomain(new ParamTreeNode("rtxen1", codec.writeDomain(p)), 1));
    }

    /** S9: {@code switch: {pool, server}} gives the pool's new server. */
    @Test
    void readSwitch_givesTheNewServer() {
        ParamTree t = new ParamTree().word("pool", "Pool-0").word("server", "polling");
        assertEquals(new Rtxen1PoolParams(Server.POLLING),
                codec.readSwitch(new ParamTreeNode("switch", t), Rtxen1PoolParams.DEFAULTS));
    }
}
