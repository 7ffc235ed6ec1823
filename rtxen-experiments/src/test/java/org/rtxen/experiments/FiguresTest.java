package org.rtxen.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtxen.experiments.plot.Figures;
import org.rtxen.experiments.sweep.Sweep;
import org.rtxen.io.InputException;
import org.w3c.dom.Document;

class FiguresTest {
    @TempDir
    static Path tmp;

    @BeforeAll
    @Timeout(120)
    static void runSweep() throws Exception {
        Sweep s = TestSweeps.write(tmp, "small", TestSweeps.SMALL);
        SweepRunner.run(s, tmp.resolve("out"), 2, Progress.NONE);
    }

    @Test
    void schedulabilityHasSimulationAndEachAnalysisPerConfiguration() throws Exception {
        Path png = tmp.resolve("s.png");
        List<String> series = Figures.draw(tmp.resolve("out"), Figures.Kind.SCHEDULABILITY, png, null);
        assertEquals(List.of("server=deferrable (simulation)", "server=deferrable (plan)", "server=deferrable (csa:bcl)",
                "server=deferrable (host:edf)", "server=periodic (simulation)", "server=periodic (plan)",
                "server=periodic (csa:bcl)", "server=periodic (host:edf)"), series);
        assertFalse(ImageIO.getUseCache(), "no cache file, whose closing thread would report a failed write again");
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "a valid PNG");
        assertEquals(Figures.WIDTH, img.getWidth());
        assertEquals(Figures.HEIGHT, img.getHeight());
    }

    @Test
    void svgIsWellFormedXml() throws Exception {
        Path svg = tmp.resolve("w.svg");
        List<String> series = Figures.draw(tmp.resolve("out"), Figures.Kind.WEIGHTED, svg, List.of("plan"));
        assertEquals(List.of("simulation", "plan"), series);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false); // no network
        Document d = f.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", d.getDocumentElement().getTagName());
    }

    @Test
    void missRatioAndCdfHaveOneSeriesPerConfiguration() {
        assertEquals(List.of("server=deferrable", "server=periodic"),
                Figures.draw(tmp.resolve("out"), Figures.Kind.MISS_RATIO, tmp.resolve("m.png"), null));
        assertEquals(List.of("server=deferrable", "server=periodic"),
                Figures.draw(tmp.resolve("out"), Figures.Kind.RESPONSE_CDF, tmp.resolve("c.svg"), null));
    }

    @Test
    void badOutputName() {
        InputException e = assertThrows(InputException.class,
                () -> Figures.draw(tmp.resolve("out"), Figures.Kind.SCHEDULABILITY, tmp.resolve("x.pdf"), null));
        assertEquals(true, e.getMessage().contains("must end in .png or .svg"));
    }
}
