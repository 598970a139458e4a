package io.ordertracker.local.runtime.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.Consumer;

/**
 * Runs in a fresh JVM whose classpath is one function's artifact (its classes and lib/*.jar, as Lambda loads them)
 * plus what the java21 runtime itself brings (the event serializers of aws-lambda-java-serialization) and this one
 * class. Prints one line {@code COLDSTART {json}} on stdout (the function's own logs go there too). Modes:
 * <ul>
 *   <li>{@code plain <handler> <event.json>}: construct the handler, invoke it with the sample, invoke again;</li>
 *   <li>{@code primed <handler> <event.json>}: construct, run the priming hooks (what SnapStart runs before the
 *   snapshot: every registered {@code io.ordertracker.lambda.Priming}), then invoke once;</li>
 *   <li>{@code floor <table>}: build one DynamoDB client through AwsClients and describe the table, nothing else.</li>
 * </ul>
 * Only the JDK and the Lambda core/serialization jars are referenced directly, so nothing else of the
 * bench leaks into what is measured; the function's own classes are reached by reflection.
 */
public final class ColdStartProbe {
    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        long jvmStartMs = ManagementFactory.getRuntimeMXBean().getStartTime();
        long mainMs = System.currentTimeMillis() - jvmStartMs;
        StringBuilder json = new StringBuilder("{\"mode\":\"").append(args[0]).append("\",\"jvmToMainMs\":").append(mainMs);
        try {
            switch (args[0]) {
                case "floor" -> floor(args[1], json);
                case "plain", "primed" -> handler(args[0].equals("primed"), args[1], args.length > 2 ? Path.of(args[2]) : null, json);
                default -> throw new IllegalArgumentException(args[0]);
            }
        } catch (Throwable e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
            json.append(",\"error\":\"").append(describe(cause)).append("\"");
        }
        System.out.println("COLDSTART " + json.append('}'));
        System.out.flush();
        System.exit(0);
    }

    private static void handler(boolean primed, String handler, Path eventFile, StringBuilder json) throws Exception {
        String[] parts = handler.split("::");
        long t0 = System.nanoTime();
        Class<?> type = Class.forName(parts[0]);
        Object instance = type.getDeclaredConstructor().newInstance();
        json.append(",\"initMs\":").append(ms(t0));
        Method method = Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(parts.length > 1 ? parts[1] : "handleRequest") && !m.isBridge()
                        && m.getParameterCount() == 2 && m.getParameterTypes()[1] == Context.class)
                .min(Comparator.comparing(m -> m.getParameterTypes()[0] == Object.class))
                .orElseThrow(() -> new NoSuchMethodException(handler));
        if (eventFile == null) {
            if (primed) {
                long p = System.nanoTime();
                Object failed = Class.forName("io.ordertracker.lambda.Priming").getMethod("runAll").invoke(null);
                json.append(",\"primeMs\":").append(ms(p)).append(",\"primeFailures\":").append(failed);
            }
            return; // no sample event: init (and priming) only
        }
        byte[] event = Files.readAllBytes(eventFile);
        Context context = context(System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", type.getSimpleName()));
        if (primed) {
            long p = System.nanoTime();
            // what the checkpoint runs (org.crac's global context calls each registered Priming); a JVM without
            // CRaC has no checkpoint, so the hooks are run directly
            Object failed = Class.forName("io.ordertracker.lambda.Priming").getMethod("runAll").invoke(null);
            json.append(",\"primeMs\":").append(ms(p)).append(",\"primeFailures\":").append(failed);
        }
        long first = invoke(instance, method, event, context, json); // (may append an invokeError first)
        json.append(primed ? ",\"firstAfterPrimeMs\":" : ",\"firstMs\":").append(first);
        if (!primed) {
            long second = invoke(instance, method, event, context, json);
            json.append(",\"secondMs\":").append(second);
        }
    }

    @SuppressWarnings("unchecked")
    private static long invoke(Object instance, Method method, byte[] event, Context context, StringBuilder json) {
        long t = System.nanoTime();
        try {
            Class<?> input = method.getParameterTypes()[0];
            PojoSerializer<Object> serializer = LambdaEventSerializers.isLambdaSupportedEvent(input.getName())
                    ? (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(input, input.getClassLoader())
                    : (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(input);
            Object result = method.invoke(instance, serializer.fromJson(new ByteArrayInputStream(event)), context);
            if (result != null) {
                Class<?> out = result.getClass();
                PojoSerializer<Object> writer = LambdaEventSerializers.isLambdaSupportedEvent(out.getName())
                        ? (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(out, out.getClassLoader())
                        : (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(out);
                writer.toJson(result, java.io.OutputStream.nullOutputStream());
            }
        } catch (Throwable e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
            if (json.indexOf("invokeError") < 0) {
                json.append(",\"invokeError\":\"").append(describe(cause)).append("\"");
            }
        }
        return ms(t);
    }

    /** One DynamoDB client through AwsClients, then its first request: the floor every function pays. */
    private static void floor(String table, StringBuilder json) throws Exception {
        long t0 = System.nanoTime();
        Class<?> clientType = Class.forName("software.amazon.awssdk.services.dynamodb.DynamoDbClient");
        Object builder = clientType.getMethod("builder").invoke(null);
        Class<?> clients = Class.forName("io.ordertracker.lambda.AwsClients");
        Method build = Arrays.stream(clients.getMethods()).filter(m -> m.getName().equals("build")).findFirst().orElseThrow();
        Object client = build.invoke(null, builder, "DYNAMODB");
        json.append(",\"clientBuildMs\":").append(ms(t0));
        long t1 = System.nanoTime();
        Method tableName = Class.forName("software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest$Builder")
                .getMethod("tableName", String.class);
        Consumer<Object> request = b -> {
            try {
                tableName.invoke(b, table);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        };
        clientType.getMethod("describeTable", Consumer.class).invoke(client, request);
        json.append(",\"firstCallMs\":").append(ms(t1));
        long t2 = System.nanoTime();
        clientType.getMethod("describeTable", Consumer.class).invoke(client, request);
        json.append(",\"secondCallMs\":").append(ms(t2));
    }

    /** The class and, for a wrapper, its cause's class: no message (it could quote data), but a missing class's name. */
    private static String describe(Throwable e) {
        String out = e.getClass().getName() + (e instanceof NoClassDefFoundError ? " " + e.getMessage() : "");
        for (Throwable c = e.getCause(); c != null && c != e; c = c.getCause()) {
            out += " < " + c.getClass().getName();
            e = c;
        }
        return out;
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static Context context(String name) {
        LambdaLogger logger = (LambdaLogger) Proxy.newProxyInstance(ColdStartProbe.class.getClassLoader(),
                new Class<?>[] {LambdaLogger.class}, (p, m, a) -> {
                    if (a != null && a.length > 0) {
                        System.err.println(a[0] instanceof byte[] b ? new String(b) : String.valueOf(a[0]));
                    }
                    return null;
                });
        long deadline = System.currentTimeMillis() + 20_000;
        return (Context) Proxy.newProxyInstance(ColdStartProbe.class.getClassLoader(), new Class<?>[] {Context.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getAwsRequestId" -> "coldstart-" + System.nanoTime();
                    case "getFunctionName", "getLogGroupName", "getLogStreamName" -> name;
                    case "getFunctionVersion" -> "$LATEST";
                    case "getInvokedFunctionArn" -> "arn:aws:lambda:us-east-1:000000000000:function:" + name;
                    case "getRemainingTimeInMillis" -> (int) Math.max(0, deadline - System.currentTimeMillis());
                    case "getMemoryLimitInMB" -> Integer.parseInt(System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024"));
                    case "getLogger" -> logger;
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    case "toString" -> "ColdStartContext[" + name + "]";
                    default -> null;
                });
    }
}
