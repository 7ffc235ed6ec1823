package org.rtxen.io.analysis;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.rtxen.analysis.Task;
import org.rtxen.analysis.component.ComponentSpec;
import org.rtxen.analysis.component.Policy;
import org.rtxen.io.InputException;
import org.rtxen.io.InputFiles;
import org.rtxen.model.BoundedDecimal;
import org.rtxen.model.Names;
import org.rtxen.model.Quoted;
import org.rtxen.model.Time;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads a CARTS input file ({@code system} → {@code component} → {@code task} with {@code p}, {@code d}, {@code e})
 * into a component tree. Numbers keep CARTS's abstract unit; decimals are allowed and the whole file is then scaled
 * by the power of ten that makes every number whole ({@link Carts#scale()}), so results can be scaled back exactly.
 */
public final class CartsReader {
    /** A parsed CARTS file: the root component (the {@code system}) and the factor its numbers were multiplied by. */
    public record Carts(ComponentSpec root, long scale) {}

    /**
     * The deepest nesting of components accepted below {@code <system>}: the analysis walks the tree recursively, and
     * real hierarchies are a few levels deep.
     */
    public static final int MAX_DEPTH = 64;

    private CartsReader() {}

    /** Reads and validates a CARTS input file. */
    public static Carts read(Path file) {
        return read(new ByteArrayInputStream(InputFiles.bytes(file)), file.toString());
    }

    /** Reads and validates CARTS XML from a stream; {@code source} names it in messages. */
    public static Carts read(InputStream in, String source) {
        Handler h = new Handler(source);
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            SAXParser parser = f.newSAXParser();
            parser.parse(in, h);
        } catch (SAXParseException e) {
            throw new InputException(source, null, e.getLineNumber(),
                    "not well-formed XML: " + InputException.oneLine(e.getMessage()));
        } catch (SAXException | ParserConfigurationException | IOException e) {
            throw new InputException(source, null, 0, "cannot parse: " + InputException.oneLine(e.getMessage()));
        }
        if (h.root == null) throw new InputException(source, "system", 0, "no <system> root element");
        int decimals = h.root.maxDecimals();
        BigInteger scale = BigInteger.TEN.pow(decimals);
        if (scale.bitLength() > 62) throw new InputException(source, null, 0, "too many decimal places");
        return new Carts(h.root.build(scale, source), scale.longValueExact());
    }

    /** A component as read, numbers still decimal. */
    private static final class Raw {
        final String name;
        final Policy policy;
        final BigDecimal minPeriod;
        final BigDecimal maxPeriod;
        final int line;
        final List<RawTask> tasks = new ArrayList<>();
        final List<Raw> children = new ArrayList<>();

        Raw(String name, Policy policy, BigDecimal minPeriod, BigDecimal maxPeriod, int line) {
            this.name = name;
            this.policy = policy;
            this.minPeriod = minPeriod;
            this.maxPeriod = maxPeriod;
            this.line = line;
        }

        int maxDecimals() {
            int d = Math.max(decimals(minPeriod), decimals(maxPeriod));
            for (RawTask t : tasks) d = Math.max(d, Math.max(decimals(t.p), Math.max(decimals(t.d), decimals(t.e))));
            for (Raw c : children) d = Math.max(d, c.maxDecimals());
            return d;
        }

        ComponentSpec build(BigInteger scale, String source) {
            List<Task> built = new ArrayList<>();
            for (RawTask t : tasks) {
                long p = whole(t.p, scale, source, t.line, "task " + t.name + " p");
                long d = whole(t.d, scale, source, t.line, "task " + t.name + " d");
                long e = whole(t.e, scale, source, t.line, "task " + t.name + " e");
                if (p <= 0) throw new InputException(source, "task " + t.name + " p", t.line, "period must be positive");
                if (d <= 0) throw new InputException(source, "task " + t.name + " d", t.line, "deadline must be positive");
                if (e < 0) throw new InputException(source, "task " + t.name + " e", t.line, "wcet must not be negative");
                built.add(new Task(Names.shown(t.name), p, e, d));
            }
            List<ComponentSpec> kids = new ArrayList<>();
            for (Raw c : children) kids.add(c.build(scale, source));
            long min = whole(minPeriod, scale, source, line, "component " + name + " min_period");
            long max = whole(maxPeriod, scale, source, line, "component " + name + " max_period");
            if (min <= 0 || max < min) {
                throw new InputException(source, "component " + name + " period", line,
                        "needs 0 < min_period ≤ max_period (got " + minPeriod + ", " + maxPeriod + ")");
            }
            return new ComponentSpec(name, policy, min, max, built, kids);
        }
    }

    private record RawTask(String name, BigDecimal p, BigDecimal d, BigDecimal e, int line) {}

    private static int decimals(BigDecimal v) {
        return Math.max(0, v.stripTrailingZeros().scale());
    }

    private static long whole(BigDecimal v, BigInteger scale, String source, int line, String field) {
        BigInteger w = v.multiply(new BigDecimal(scale)).toBigIntegerExact();
        if (w.abs().compareTo(BigInteger.valueOf(Time.MAX_INPUT)) > 0) { // either sign: below -2^63 is no long either
            throw new InputException(source, field, line, "value " + v + " is out of range (at most 2^60 in magnitude"
                    + " after scaling)");
        }
        return w.longValueExact();
    }

    /** The SAX handler that builds the raw element tree, checking names, nesting and each element's attributes. */
    private static final class Handler extends DefaultHandler {
        private final String source;
        private final Deque<Raw> open = new ArrayDeque<>();
        private final Set<String> names = new HashSet<>();
        /** The name of the task whose element is open, or null: a task has no child elements. */
        private String openTask;
        private Locator locator;
        Raw root;

        Handler(String source) {
            this.source = source;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        private int line() {
            return locator == null ? 0 : locator.getLineNumber();
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes a) {
            if (openTask != null) {
                throw error("task " + openTask, "holds a <" + qName + ">; a task has no child elements");
            }
            switch (qName) {
                case "system" -> {
                    if (root != null || !open.isEmpty()) throw error("system", "must be the single root element");
                    String sched = a.getValue("scheduler") != null ? a.getValue("scheduler") : a.getValue("os_scheduler");
                    root = component(a, named("system", a.getValue("name") != null ? a.getValue("name") : "system"), sched,
                            true);
                    open.push(root);
                }
                case "component" -> {
                    if (open.isEmpty()) throw error("component", "must be inside <system>");
                    String name = a.getValue("name");
                    if (name == null || name.isBlank()) throw error("component", "name is missing");
                    named("component", name);
                    if (!names.add(name)) throw error("component " + name, "name is not unique");
                    if (open.size() > MAX_DEPTH) {
                        throw error("component " + name, "nested more than " + MAX_DEPTH + " components deep");
                    }
                    Raw c = component(a, name, a.getValue("scheduler"), false);
                    open.peek().children.add(c);
                    open.push(c);
                }
                case "task" -> {
                    if (open.isEmpty()) throw error("task", "must be inside <system> or <component>");
                    String name = named("task", a.getValue("name") != null ? a.getValue("name")
                            : "task" + (open.peek().tasks.size() + 1));
                    for (String unsupported : new String[] {"cs", "jitter", "offset", "delta_rel", "delta_sch",
                            "delta_cxs", "delta_crpmd"}) {
                        if (a.getValue(unsupported) != null) {
                            throw error("task " + name + " " + unsupported, "not supported (rtxen has no SIRAP,"
                                    + " ARINC-653 offset/jitter or cache-overhead analysis)");
                        }
                    }
                    open.peek().tasks.add(new RawTask(name, number(a, "p", "task " + name, "period"),
                            number(a, "d", "task " + name, "deadline"), number(a, "e", "task " + name, "wcet"), line()));
                    openTask = name;
                }
                default -> throw error(qName, "unknown element (expected system, component or task)");
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if (qName.equals("task")) openTask = null;
            else open.pop();
        }

        private Raw component(Attributes a, String name, String scheduler, boolean system) {
            Policy policy = policy(scheduler, name);
            String period = a.getValue("period");
            BigDecimal min;
            BigDecimal max;
            if (period != null) {
                min = max = parse(period, name + " period");
            } else if (a.getValue("min_period") != null || a.getValue("max_period") != null) {
                if (a.getValue("min_period") == null || a.getValue("max_period") == null) {
                    throw error("component " + name, "needs both min_period and max_period");
                }
                min = parse(a.getValue("min_period"), name + " min_period");
                max = parse(a.getValue("max_period"), name + " max_period");
            } else if (system) {
                min = max = BigDecimal.ONE; // CARTS's root default range 1..1
            } else {
                throw error("component " + name, "needs period or min_period and max_period");
            }
            return new Raw(name, policy, min, max, line());
        }

        private Policy policy(String scheduler, String component) {
            if (scheduler == null) return Policy.EDF;
            return switch (scheduler.strip().toUpperCase(Locale.ROOT)) {
                case "EDF" -> Policy.EDF;
                case "RM" -> Policy.RM;
                case "DM" -> Policy.DM;
                case "GEDF" -> Policy.GEDF;
                default -> throw error("component " + component + " scheduler", Quoted.of(scheduler)
                        + " is not supported (use EDF, RM, DM or gEDF)");
            };
        }

        private BigDecimal number(Attributes a, String attribute, String owner, String what) {
            String v = a.getValue(attribute);
            if (v == null) throw error(owner + " " + attribute, what + " of a task is missing");
            return parse(v, owner + " " + attribute);
        }

        private BigDecimal parse(String v, String field) {
            try {
                return BoundedDecimal.parse(v.strip());
            } catch (NumberFormatException e) {
                throw error(field, Quoted.of(v) + " is not a number");
            } catch (IllegalArgumentException e) {
                throw error(field, e.getMessage());
            }
        }

        /**
         * {@code name}, refused when it holds a control character (a character reference such as {@code &#10;}): the
         * output XML's attributes could not give it back, a parser reads a newline there as a space.
         */
        private String named(String element, String name) {
            if (name.chars().anyMatch(Character::isISOControl)) {
                throw error(element + " " + name, "the name holds a control character"); // the message escapes it
            }
            return name;
        }

        private InputException error(String field, String reason) {
            return new InputException(source, field, line(), reason);
        }
    }
}
