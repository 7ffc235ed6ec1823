package org.rtxen.io.analysis;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rtxen.analysis.Task;
import org.rtxen.io.InputException;
import org.rtxen.io.InputFiles;
import org.rtxen.io.YamlFactories;
import org.rtxen.model.Names;
import org.rtxen.model.Quoted;
import org.rtxen.model.Time;

/**
 * Reads a plain task set: {@code {cpus: 2, tasks: [{period: 100, wcet: 49, deadline: 100, name: a}, ...]}}. Bare
 * numbers are microseconds; {@code 10ms}, {@code 500us}, {@code 2s}, {@code 250ns} are accepted too
 * ({@link Time#parse}). Times come out in nanoseconds. Errors name the field and its line.
 */
public final class TaskSetReader {
    /** A task set for host-level tests: the processor count and the tasks (nanoseconds). */
    public record TaskSet(int cpus, List<Task> tasks) {
        /** Copies the list. */
        public TaskSet {
            tasks = List.copyOf(tasks);
        }
    }

    private TaskSetReader() {}

    /** Reads and validates a task-set file. */
    public static TaskSet read(Path file) {
        return read(new StringReader(InputFiles.text(file)), file.toString());
    }

    /** Reads and validates a task set from text; {@code source} names it in messages. */
    public static TaskSet read(Reader in, String source) {
        try (YAMLParser p = YamlFactories.create().createParser(in)) {
            p.nextToken();
            YamlFactories.requirePlain(p, source, "", line(p));
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new InputException(source, null, line(p), "expected a mapping with cpus and tasks");
            }
            int cpus = 1;
            List<Task> tasks = null;
            Map<String, Integer> seen = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                refuseDuplicate(seen, field, field, p, source);
                p.nextToken();
                YamlFactories.requirePlain(p, source, field, line(p));
                switch (field) {
                    case "cpus" -> {
                        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
                                || p.getBigIntegerValue().compareTo(BigInteger.ONE) < 0
                                || p.getBigIntegerValue().compareTo(BigInteger.valueOf(4096)) > 0) {
                            throw new InputException(source, "cpus", line(p), "must be a whole number from 1 to 4096");
                        }
                        cpus = p.getIntValue();
                    }
                    case "tasks" -> tasks = tasks(p, source);
                    default -> throw new InputException(source, field, line(p), "unknown field (expected cpus, tasks)");
                }
            }
            if (tasks == null || tasks.isEmpty()) throw new InputException(source, "tasks", 0, "at least one task is needed");
            return new TaskSet(cpus, tasks);
        } catch (StreamReadException e) {
            JsonLocation at = e.getLocation();
            throw new InputException(source, null, at == null ? 0 : at.getLineNr(),
                    "not valid YAML: " + InputException.oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InputException(source, null, 0, "not valid YAML: " + InputException.oneLine(e.getMessage()));
        }
    }

    private static List<Task> tasks(YAMLParser p, String source) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) throw new InputException(source, "tasks", line(p), "must be a list");
        List<Task> out = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            int index = out.size();
            String where = "tasks[" + index + "]";
            int taskLine = line(p);
            YamlFactories.requirePlain(p, source, where, taskLine);
            if (p.currentToken() != JsonToken.START_OBJECT) throw new InputException(source, where, taskLine, "must be a mapping");
            long period = -1;
            long wcet = -1;
            long deadline = -1;
            String name = null;
            Map<String, Integer> seen = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                String path = where + "." + field;
                refuseDuplicate(seen, field, path, p, source);
                p.nextToken();
                YamlFactories.requirePlain(p, source, path, line(p));
                switch (field) {
                    case "period" -> period = time(p, source, path);
                    case "wcet" -> wcet = time(p, source, path);
                    case "deadline" -> deadline = time(p, source, path);
                    case "name" -> {
                        if (!p.currentToken().isScalarValue() || p.currentToken() == JsonToken.VALUE_NULL) {
                            throw new InputException(source, path, line(p), "must be a single value");
                        }
                        name = p.getText();
                    }
                    default -> throw new InputException(source, path, line(p),
                            "unknown field (expected period, wcet, deadline, name)");
                }
            }
            if (period <= 0) throw new InputException(source, where + ".period", taskLine, "a positive period is required");
            if (wcet < 0) throw new InputException(source, where + ".wcet", taskLine, "a wcet is required");
            if (deadline < 0) deadline = period;
            if (deadline == 0) throw new InputException(source, where + ".deadline", taskLine, "must be positive");
            String given = name == null ? "t" + index : name;
            Integer other = names.putIfAbsent(given, index);
            if (other != null) {
                throw new InputException(source, where + ".name", taskLine, Quoted.of(given)
                        + (name == null ? " (its default name)" : "") + " is also the name of tasks[" + other
                        + "] (each task's name must be unique: a verdict names its task)");
            }
            out.add(new Task(Names.shown(given), period, wcet, deadline));
        }
        return out;
    }

    /**
     * Fails on a key given twice in one mapping: YAML forbids it, and taking either value would silently change the
     * task set (a later {@code wcet: 1} hiding {@code wcet: 9}).
     */
    private static void refuseDuplicate(Map<String, Integer> seen, String key, String path, JsonParser p, String source) {
        Integer first = seen.putIfAbsent(key, line(p));
        if (first != null) {
            throw new InputException(source, path, line(p), "duplicate key (first given on line " + first + ")");
        }
    }

    private static long time(JsonParser p, String source, String path) throws IOException {
        if (!p.currentToken().isScalarValue() || p.currentToken() == JsonToken.VALUE_NULL) throw new InputException(source, path, line(p), "must be a time");
        try {
            long ns = Time.parse(p.getValueAsString());
            if (ns < 0) throw new InputException(source, path, line(p), "must not be negative");
            return ns;
        } catch (IllegalArgumentException e) {
            throw new InputException(source, path, line(p), e.getMessage());
        }
    }

    private static int line(JsonParser p) {
        JsonLocation l = p.currentTokenLocation();
        return l == null ? 0 : l.getLineNr();
    }
}
