package io.ordertracker.lambda;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming: before the snapshot is taken, runs what a real invocation runs, so the classes, serializers,
 * connections and JIT work it needs are in the snapshot instead of being paid by the first invocation after every
 * restore. Each function registers named steps: a harmless request through every AWS client it uses (a read, or a
 * describe the template allows it), and its own code path on its sample data (parsing, rendering, Jackson) without
 * side effects. A step that fails is logged (warn, the exception's class and AWS error code, no data) and the next
 * step still runs: priming is an optimisation and must not stop a version from being published, but a failure must
 * be visible, since it means every restore pays the cold path again.
 */
public final class Priming implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
    private static final List<Priming> REGISTERED = new CopyOnWriteArrayList<>();

    /** One named thing to warm. */
    public record Step(String name, Runnable action) {
    }

    private final List<Step> steps;

    private Priming(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    public static Step step(String name, Runnable action) {
        return new Step(name, action);
    }

    /**
     * Registers the steps to run before the SnapStart checkpoint; harmless where there is none. The CRaC context
     * holds resources weakly: keep the returned object in a field of the handler.
     */
    public static Priming register(Step... steps) {
        Priming priming = new Priming(List.of(steps));
        Core.getGlobalContext().register(priming);
        REGISTERED.add(priming);
        return priming;
    }

    /** Registers one step (the table's describe, say). */
    public static Priming register(Runnable prime) {
        return register(step("prime", prime));
    }

    /**
     * Runs every step of every priming registered in this JVM now, as the checkpoint would: for the cold-start
     * benchmark (a JVM without CRaC has no checkpoint) and tests. Returns how many steps failed.
     */
    public static int runAll() {
        return REGISTERED.stream().mapToInt(Priming::prime).sum();
    }

    /** Runs the steps in order, each on its own; returns how many failed (each one logged). */
    public int prime() {
        int failed = 0;
        for (Step step : steps) {
            try {
                step.action().run();
            } catch (RuntimeException | LinkageError e) {
                failed++;
                LOG.warn("priming step {} failed ({}): the first invocation after a restore pays for it: {}",
                        step.name(), e.getClass().getSimpleName(), SafeErrors.describe(e), SafeErrors.redacted(e));
            }
        }
        return failed;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
    }
}
