package io.ordertracker.local.runtime;

/**
 * The execution environment dying at an injected point (a chaos run): an {@link Error}, so no handler's
 * {@code catch (RuntimeException e)} can turn it into a handled failure. A real crash runs no more of the
 * handler's code, and neither does this.
 */
final class ChaosCrash extends Error {
    private final String point;

    ChaosCrash(String point) {
        super("chaos: execution environment died " + point, null, false, false);
        this.point = point;
    }

    /** Where it died: "after Service.Operation" or "after the handler returned". */
    String point() {
        return point;
    }
}
