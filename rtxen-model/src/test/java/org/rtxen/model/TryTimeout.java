package org.rtxen.model;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.lifecycle.AroundTryHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.TryExecutionResult;
import net.jqwik.api.lifecycle.TryExecutor;
import net.jqwik.api.lifecycle.TryLifecycleContext;

/**
 * A preemptive timeout for every jqwik try in every module with this module's test jar on its test class path
 * (registered globally in META-INF/services), the jqwik counterpart of JUnit's {@code @Timeout}: a try that runs
 * longer than {@link #LIMIT} is reported falsified and its daemon thread abandoned, so a broken rule that makes a
 * simulation or a search loop cannot hang the build (issue 7).
 */
public final class TryTimeout implements AroundTryHook {
    /** The longest a single try may run; generous for this shared, loaded machine. */
    static final Duration LIMIT = Duration.ofMinutes(2);

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public TryExecutionResult aroundTry(TryLifecycleContext context, TryExecutor aTry, List<Object> parameters)
            throws Throwable {
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "jqwik-try");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<TryExecutionResult> result = runner.submit(() -> aTry.execute(parameters));
            try {
                return result.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                result.cancel(true);
                return TryExecutionResult.falsified(new AssertionError("try timed out after " + LIMIT + " with " + parameters));
            } catch (ExecutionException e) {
                throw e.getCause();
            }
        } finally {
            runner.shutdownNow();
        }
    }
}
