package org.rtxen.io.analysis;

import java.io.IOException;
import java.io.OutputStream;
import java.math.RoundingMode;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.rtxen.analysis.Reason;
import org.rtxen.analysis.component.ComponentInterface;
import org.rtxen.analysis.component.ComponentInterface.Model;
import org.rtxen.analysis.component.ComponentInterface.Vcpu;
import org.rtxen.analysis.component.ComponentResult;

/**
 * Writes results as CARTS output XML: per component a {@code <resource>} with the interface's {@code <model>} and a
 * {@code <processed_task>} list with the VCPU tasks handed to the parent, children nested, the system's component as
 * the root element. Numbers are decimals in the input's unit, exact where finite, else rounded as
 * {@link Scaled} says (the bandwidth up); {@code execution_time_exact} is the budget's exact fraction. An infeasible
 * interface is written as {@code feasible="false"} with {@code cpus="0"} and its reason, never as CARTS's magic
 * execution time.
 */
public final class CartsWriter {
    private CartsWriter() {}

    /** Writes the tree to a stream (UTF-8). */
    public static void write(ComponentResult root, long scale, OutputStream out) throws IOException {
        try {
            XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            component(w, root, new Scaled(1, scale), 0);
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            // The writer wraps the stream's own failure (e.g. "No space left on device"): pass on its words only.
            Throwable cause = e.getCause() != null ? e.getCause() : e.getNestedException();
            throw new IOException(cause != null && cause.getMessage() != null ? cause.getMessage() : e.getMessage(), e);
        }
    }

    private static void component(XMLStreamWriter w, ComponentResult c, Scaled s, int depth) throws XMLStreamException {
        ComponentInterface i = c.iface();
        indent(w, depth);
        w.writeStartElement("component");
        w.writeAttribute("name", c.name());
        boolean multi = i.model() == Model.MPR || i.model() == Model.DMPR;
        w.writeAttribute(multi ? "resource_model" : "algorithm",
                i.model() == Model.MPR ? "MPR2 model" : i.model() + (multi ? " model" : " interface"));
        indent(w, depth + 1);
        w.writeStartElement("resource");
        indent(w, depth + 2);
        w.writeEmptyElement("model");
        w.writeAttribute("period", s.exact(i.period()).toPlainString());
        if (i.feasible()) {
            w.writeAttribute("bandwidth", i.bandwidth().toDecimal(RoundingMode.CEILING).toPlainString());
            if (i.deadline() != null) w.writeAttribute("deadline", s.deadline(i.deadline(), i.budget()).toPlainString());
            w.writeAttribute("execution_time", s.budget(i.budget()).toPlainString());
            w.writeAttribute("execution_time_exact", s.of(i.budget()).toString());
            w.writeAttribute("cpus", Integer.toString(i.cpus()));
        } else {
            w.writeAttribute("cpus", "0");
            w.writeAttribute("feasible", "false");
            w.writeAttribute("reason", i.reason().format(Reason.fileUnit(s.divisor())));
        }
        indent(w, depth + 1);
        w.writeEndElement();
        indent(w, depth + 1);
        w.writeStartElement("processed_task");
        for (Vcpu v : i.vcpus()) {
            indent(w, depth + 2);
            w.writeEmptyElement("model");
            w.writeAttribute("period", s.exact(v.period()).toPlainString());
            w.writeAttribute("execution_time", s.budget(v.budget()).toPlainString());
            w.writeAttribute("deadline", s.deadline(v.deadline(), v.budget()).toPlainString());
        }
        indent(w, depth + 1);
        w.writeEndElement();
        for (ComponentResult child : c.children()) component(w, child, s, depth + 1);
        indent(w, depth);
        w.writeEndElement();
    }

    private static void indent(XMLStreamWriter w, int depth) throws XMLStreamException {
        w.writeCharacters("\n" + "  ".repeat(depth));
    }
}
