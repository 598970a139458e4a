package io.ordertracker.local.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import io.ordertracker.lambda.Env;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One function of the template, run the way Lambda runs it: the Handler class is found by name and constructed
 * with its no-arg constructor inside the function's environment; each concurrent invocation gets its own instance
 * (a Lambda execution environment), reused for later invocations; every call runs inside the same environment
 * overlay. Handler time is measured for the GB-seconds of the pipeline benchmark.
 */
public final class LocalFunction {
    /**
     * Inherited, so calls a handler makes from threads it starts (the poll planner's shard pool) are counted as its
     * own: they are, and on Lambda they would be billed to it.
     */
    private static final ThreadLocal<String> CURRENT = new InheritableThreadLocal<>();
    /** The event of the invocation running on this thread, and which of its records something has claimed. */
    private static final ThreadLocal<JsonNode> CURRENT_EVENT = new ThreadLocal<>();
    private static final ThreadLocal<java.util.Set<Integer>> CLAIMED = ThreadLocal.withInitial(java.util.HashSet::new);
    /** The last notification-ledger claim this thread wrote (milestone, channel, ...), not yet matched to a send. */
    private static final ThreadLocal<Map<String, String>> LEDGER_CLAIM = new ThreadLocal<>();
    /** Receipt handles whose visibility the last invocation on this thread changed itself (ChangeMessageVisibility). */
    private static final ThreadLocal<java.util.Set<String>> VISIBILITY_CHANGED = ThreadLocal.withInitial(java.util.HashSet::new);

    private final FunctionSpec spec;
    private final Map<String, String> environment;
    private final Class<?> handlerClass;
    private final Method method;
    private final boolean streamHandler;
    private final ConcurrentLinkedDeque<Object> idle = new ConcurrentLinkedDeque<>();

    private final LongAdder invocations = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder coldStarts = new LongAdder();
    private final AtomicLong billedMillis = new AtomicLong();
    private final AtomicLong handlerNanos = new AtomicLong();

    private LocalFunction(FunctionSpec spec, Map<String, String> environment, Class<?> handlerClass, Method method) {
        this.spec = spec;
        this.environment = Map.copyOf(environment);
        this.handlerClass = handlerClass;
        this.method = method;
        Class<?>[] params = method.getParameterTypes();
        this.streamHandler = params.length >= 2 && params[0] == InputStream.class && params[1] == OutputStream.class;
    }

    /**
     * Loads the handler class and builds a first instance (as Lambda's init phase does), so a missing class or
     * configuration shows at start-up.
     *
     * @throws ClassNotFoundException when the function's module is not on the classpath (yet)
     */
    static LocalFunction load(FunctionSpec spec, Map<String, String> environment, java.nio.file.Path repoRoot)
            throws ClassNotFoundException {
        Class<?> cls = loadHandlerClass(spec, repoRoot);
        Method method = Arrays.stream(cls.getMethods())
                .filter(m -> m.getName().equals(spec.handlerMethod()) && !m.isBridge() && !m.isSynthetic())
                .filter(m -> m.getParameterCount() >= 1 && m.getParameterCount() <= 3)
                .max(Comparator.comparingInt((Method m) -> m.getParameterCount() == 2 ? 2 : 1)
                        .thenComparing(m -> m.getParameterTypes()[0] != Object.class))
                .orElseThrow(() -> new IllegalStateException(spec.handlerClass() + " has no public method "
                        + spec.handlerMethod()));
        LocalFunction function = new LocalFunction(spec, environment, cls, method);
        function.idle.push(function.newInstance());
        return function;
    }

    /**
     * From the classpath (every function module is a runtime dependency of this module), else from the module the
     * SAM build convention names (logical id {@code FooBarFunction} -> {@code functions/foo-bar}) if it has been
     * compiled, so a function added to the template runs before anyone lists it anywhere.
     */
    private static Class<?> loadHandlerClass(FunctionSpec spec, java.nio.file.Path repoRoot) throws ClassNotFoundException {
        ClassLoader parent = LocalFunction.class.getClassLoader();
        try {
            return Class.forName(spec.handlerClass(), true, parent);
        } catch (ClassNotFoundException e) {
            java.nio.file.Path classes = repoRoot.resolve("functions").resolve(moduleName(spec.logicalId()))
                    .resolve("target/classes");
            if (!java.nio.file.Files.isDirectory(classes)) {
                throw e;
            }
            try {
                var loader = new java.net.URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, parent);
                return Class.forName(spec.handlerClass(), true, loader);
            } catch (java.net.MalformedURLException bad) {
                throw e;
            }
        }
    }

    /** {@code FooBarFunction} -> {@code foo-bar}, as the root Makefile maps logical ids to modules. */
    static String moduleName(String logicalId) {
        String base = logicalId.endsWith("Function") ? logicalId.substring(0, logicalId.length() - "Function".length())
                : logicalId;
        return base.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    public String name() {
        return spec.logicalId();
    }

    public FunctionSpec spec() {
        return spec;
    }

    public Map<String, String> environment() {
        return environment;
    }

    /** The function whose handler the current thread is running, if any (AWS calls are attributed to it). */
    static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * The first not yet claimed record of the current invocation's event (an SQS or SNS batch) whose JSON body
     * passes {@code match}; claims it. Lets the outbox tell which queued job an email or SMS came from.
     */
    static Optional<JsonNode> claimRecordBody(java.util.function.Predicate<JsonNode> match) {
        JsonNode event = CURRENT_EVENT.get();
        if (event == null) {
            return Optional.empty();
        }
        JsonNode records = event.path("Records");
        for (int i = 0; i < records.size(); i++) {
            if (CLAIMED.get().contains(i)) {
                continue;
            }
            String body = records.get(i).path("body").asText(records.get(i).path("Sns").path("Message").asText(null));
            if (body == null || !body.startsWith("{")) {
                continue;
            }
            JsonNode parsed;
            try {
                parsed = EventCodec.parse(body);
            } catch (RuntimeException e) {
                continue;
            }
            if (match.test(parsed)) {
                CLAIMED.get().add(i);
                return Optional.of(parsed);
            }
        }
        return Optional.empty();
    }

    static void noteLedgerClaim(Map<String, String> claim) {
        LEDGER_CLAIM.set(claim);
    }

    /** The ledger claim written just before a send on this thread, if it is for {@code channel}; consumes it. */
    static Optional<Map<String, String>> takeLedgerClaim(String channel) {
        Map<String, String> claim = LEDGER_CLAIM.get();
        if (claim == null || (claim.get("channel") != null && !claim.get("channel").equalsIgnoreCase(channel))) {
            return Optional.empty();
        }
        LEDGER_CLAIM.remove();
        return Optional.of(claim);
    }

    static void noteVisibilityChanged(String receiptHandle) {
        VISIBILITY_CHANGED.get().add(receiptHandle);
    }

    /**
     * Whether the last invocation on this thread set the visibility of this message itself (a job held through
     * quiet hours, a retry after a carrier's Retry-After): then SQS keeps that visibility, not the queue's.
     */
    static boolean visibilityChangedByLastInvocation(String receiptHandle) {
        return VISIBILITY_CHANGED.get().contains(receiptHandle);
    }

    /** Runs {@code body} as the runtime, not as the current function (its AWS calls are not counted). */
    static <T> T asRuntime(java.util.function.Supplier<T> body) {
        String previous = CURRENT.get();
        CURRENT.remove();
        try {
            return body.get();
        } finally {
            if (previous != null) {
                CURRENT.set(previous);
            }
        }
    }

    /** Invokes synchronously. A handler exception (or a timeout) surfaces as {@link FunctionError}. */
    public JsonNode invoke(JsonNode event) {
        Object instance = idle.poll();
        if (instance == null) {
            instance = newInstance();
            coldStarts.increment();
        }
        String previous = CURRENT.get();
        JsonNode previousEvent = CURRENT_EVENT.get();
        CURRENT.set(spec.logicalId());
        CURRENT_EVENT.set(event);
        CLAIMED.get().clear();
        LEDGER_CLAIM.remove();
        VISIBILITY_CHANGED.get().clear();
        ChaosInjector.invocationStarting(spec.logicalId(), event);
        long start = System.nanoTime();
        boolean failed = true;
        boolean died = false;
        try {
            Object target = instance;
            JsonNode result = Env.withOverlay(environment, () -> call(target, event));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            if (elapsedMillis > spec.timeoutSeconds() * 1000L) {
                throw new FunctionError(spec.logicalId(), "Sandbox.Timedout",
                        "Task timed out after " + spec.timeoutSeconds() + " seconds (took " + elapsedMillis + " ms)", null);
            }
            try {
                ChaosInjector.invocationReturned();
            } catch (ChaosCrash crash) {
                throw new FunctionError(spec.logicalId(), "Runtime.ExitError", crash.getMessage(), crash);
            }
            failed = false;
            return result;
        } catch (FunctionError e) {
            died = e.getCause() instanceof ChaosCrash;
            throw e;
        } finally {
            ChaosInjector.invocationEnded();
            long nanos = System.nanoTime() - start;
            handlerNanos.addAndGet(nanos);
            billedMillis.addAndGet(Math.max(1, (nanos + 999_999) / 1_000_000));
            invocations.increment();
            if (failed) {
                errors.increment();
            }
            if (previous == null) {
                CURRENT.remove();
                CURRENT_EVENT.remove();
            } else {
                CURRENT.set(previous);
                CURRENT_EVENT.set(previousEvent);
            }
            if (!died) {
                idle.push(instance); // an environment that died is not reused: Lambda starts a fresh one
            }
        }
    }

    private JsonNode call(Object instance, JsonNode event) {
        Context context = new LocalLambdaContext(spec);
        try {
            if (streamHandler) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                method.invoke(instance, EventCodec.decode(event, InputStream.class), out, context);
                return out.size() == 0 ? EventCodec.parse("null") : EventCodec.parse(out.toString(java.nio.charset.StandardCharsets.UTF_8));
            }
            Type inputType = method.getGenericParameterTypes()[0];
            Object input = EventCodec.decode(event, inputType);
            Object result = method.getParameterCount() == 1 ? method.invoke(instance, input)
                    : method.invoke(instance, input, context);
            return EventCodec.encode(result);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new FunctionError(spec.logicalId(), cause.getClass().getName(), String.valueOf(cause.getMessage()), cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            // the event did not fit the handler's input type: Lambda reports this as a function error too
            throw new FunctionError(spec.logicalId(), e.getClass().getName(), String.valueOf(e.getMessage()), e);
        }
    }

    private Object newInstance() {
        return Env.withOverlay(environment, () -> {
            try {
                if (Modifier.isStatic(method.getModifiers())) {
                    return null;
                }
                return handlerClass.getDeclaredConstructor().newInstance();
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new IllegalStateException(spec.logicalId() + " init failed: " + cause, cause);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(spec.logicalId() + ": " + handlerClass.getName()
                        + " needs a public no-arg constructor", e);
            }
        });
    }

    public long invocations() {
        return invocations.sum();
    }

    public long errors() {
        return errors.sum();
    }

    public long coldStarts() {
        return coldStarts.sum();
    }

    /** Lambda bills each invocation rounded up to the millisecond. */
    public long billedMillis() {
        return billedMillis.get();
    }

    public double gbSeconds() {
        return billedMillis.get() / 1000.0 * spec.memoryMb() / 1024.0;
    }

    /** A handler failure, as Lambda reports it (errorType, errorMessage). */
    public static final class FunctionError extends RuntimeException {
        private final String function;
        private final String errorType;

        FunctionError(String function, String errorType, String message, Throwable cause) {
            super(function + " failed: " + errorType + ": " + message, cause);
            this.function = function;
            this.errorType = errorType;
        }

        public String function() {
            return function;
        }

        public String errorType() {
            return errorType;
        }
    }
}
