package io.ordertracker.lambda;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: runs a cheap call through the function's SDK clients before the snapshot is taken, so the
 * classes, serializers and TLS setup they need are loaded once in the snapshot instead of on every restore.
 */
public final class Priming implements Resource {
    private final Runnable prime;

    private Priming(Runnable prime) {
        this.prime = prime;
    }

    /**
     * Registers {@code prime} to run before the SnapStart checkpoint; harmless where there is none. The CRaC
     * context holds resources weakly: keep the returned object in a field of the handler.
     */
    public static Priming register(Runnable prime) {
        Priming priming = new Priming(prime);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            prime.run();
        } catch (RuntimeException e) {
            // Priming is an optimisation: a failure here must not stop the version from being published.
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
    }
}
