package org.rtxen.cli;

import java.io.PrintWriter;
import org.rtxen.io.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rtxen} command: one subcommand per job. Bad input exits 2 with one message; internal failures exit 70. */
@Command(name = "rtxen", mixinStandardHelpOptions = true, version = "rtxen 0.1.0",
        description = "Xen real-time VCPU scheduling: simulate, analyze, plan, compare with real Xen.",
        subcommands = {CommandLine.HelpCommand.class, SimulateCommand.class, TraceCommand.class,
                XenRunCommand.class, AnalyzeCommand.class, PlanCommand.class, GenerateCommand.class,
                SweepCommand.class, PlotCommand.class,
                ReportCommand.class})
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

    private Main() {}

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit status, for tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("rtxen: " + e.getMessage());
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
