package org.rtxen.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.rtxen.io.InputException;
import org.rtxen.model.Names;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rtxen} command: one subcommand per job. Bad input exits 2 with one message; internal failures exit 70. */
@Command(name = "rtxen", mixinStandardHelpOptions = true, version = "rtxen 0.1.0",
        description = "Xen real-time VCPU scheduling: simulate, analyze, plan, compare with real Xen.")
public final class Main {
    /** Exit status for bad input (a file, field or option the user wrote). */
    public static final int EXIT_BAD_INPUT = 2;
    /**
     * Exit status when {@code --max-events} or {@code --timeout} stopped the work early: the results printed (if
     * any) are partial and say so.
     */
    public static final int EXIT_STOPPED = 3;
    /** Exit status for an internal failure (a bug in rtxen), as sysexits' EX_SOFTWARE. */
    public static final int EXIT_INTERNAL = 70;
    /** The most characters of a parser's message shown, as many as {@code Quoted} shows of a value and more. */
    static final int PARSER_MESSAGE_SHOWN = 300;

    /** The subcommands in the order help lists them; each is built only when it is needed (see {@link #commandLine}). */
    private static final List<Class<?>> SUBCOMMANDS = List.of(CommandLine.HelpCommand.class, SimulateCommand.class,
            TraceCommand.class, XenRunCommand.class, AnalyzeCommand.class, PlanCommand.class, GenerateCommand.class,
            SweepCommand.class, PlotCommand.class, ReportCommand.class);

    private Main() {}

    /** Runs the command line and exits with its status; output that could not be written is an error too. */
    public static void main(String[] args) {
        WatchedOutputStream stdout = new WatchedOutputStream(new FileOutputStream(FileDescriptor.out));
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(stdout, Charset.defaultCharset())), true);
        PrintWriter err = new PrintWriter(System.err, true);
        int status = run(args, out, err);
        out.flush();
        System.exit(afterOutput(status, stdout.failure(), err));
    }

    /**
     * The exit status once the command's output is written: a failure to write it (a full disk) is reported and makes
     * a successful command fail, unless the reader just stopped reading (a broken pipe, as of {@code | head}).
     */
    static int afterOutput(int status, IOException failure, PrintWriter err) {
        if (failure == null || "Broken pipe".equals(failure.getMessage())) return status;
        err.println("rtxen: standard output: cannot write: " + InputException.oneLine(failure.getMessage()));
        err.flush();
        return status == 0 ? EXIT_BAD_INPUT : status;
    }

    /** Runs the command line with the given streams and returns the exit status, for tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("rtxen: " + parserMessage(e.getMessage() + dashedFileHint(a)));
            return EXIT_BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof InputException) {
                err.println("rtxen: " + e.getMessage());
                return EXIT_BAD_INPUT;
            }
            return internalError(e, err);
        });
        try {
            return cli.execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            // picocli passes Errors through; they still get one line, never a stack trace.
            return internalError(e, err);
        }
    }

    /**
     * The parser's {@code message} as one line (an option's value may hold a newline) of at most
     * {@value #PARSER_MESSAGE_SHOWN} characters: the parser quotes whole arguments, which may be a megabyte long.
     */
    static String parserMessage(String message) {
        String line = Names.escape(message);
        int length = line.codePointCount(0, line.length());
        if (length <= PARSER_MESSAGE_SHOWN) return line;
        return line.substring(0, line.offsetByCodePoints(0, PARSER_MESSAGE_SHOWN)) + "… (" + length
                + " characters in all)";
    }

    /**
     * When an argument that looks like an option names a file ({@code -weird.yaml}), how to give it as a file, so that
     * the parser's "missing parameter" or "unknown option" makes sense; else nothing.
     */
    static String dashedFileHint(String[] args) {
        for (String a : args) {
            if (a.startsWith("-") && a.length() > 1 && Files.isRegularFile(Path.of(a))) {
                return " (" + a + " is read as an option: name the file ./" + a + ", or put -- before it)";
            }
        }
        return "";
    }

    /**
     * The command line with every subcommand, or, when the first argument names one (other than help), with that one
     * alone: picocli reflects over each subcommand's options and their types when it is added, which costs a short
     * command such as {@code analyze} about half of its start-up; parsing and messages are the same either way.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        String first = args.length > 0 ? args[0] : "";
        for (Class<?> sub : SUBCOMMANDS) {
            if (!first.equals("help") && first.equals(sub.getAnnotation(Command.class).name())) {
                return cli.addSubcommand(sub);
            }
        }
        for (Class<?> sub : SUBCOMMANDS) cli.addSubcommand(sub);
        return cli;
    }

    /**
     * Reports a defect in rtxen itself on one line (what failed and the innermost frame, no stack trace) with what to
     * send in, and returns {@link #EXIT_INTERNAL}.
     */
    private static int internalError(Throwable e, PrintWriter err) {
        StackTraceElement[] where = e.getStackTrace();
        String what = e instanceof StackOverflowError ? "stack overflow (input nested too deeply?)"
                : e instanceof OutOfMemoryError ? "out of memory (input too large? try a larger -Xmx)"
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + InputException.oneLine(e.getMessage()));
        err.println("rtxen: internal error: " + what + (where.length > 0 ? " at " + where[0] : "")
                + "; this is a bug in rtxen 0.1.0, please report it with this line, the command and its input files");
        err.flush();
        return EXIT_INTERNAL;
    }
}
