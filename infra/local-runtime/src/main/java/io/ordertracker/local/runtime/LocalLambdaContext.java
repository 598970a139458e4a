package io.ordertracker.local.runtime;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** What Lambda hands a handler besides the event: ids, names, memory and the time left before the timeout. */
final class LocalLambdaContext implements Context {
    private static final LambdaLogger LOGGER = new LambdaLogger() {
        @Override
        public void log(String message) {
            System.out.println(message);
        }

        @Override
        public void log(byte[] message) {
            System.out.println(new String(message, StandardCharsets.UTF_8));
        }
    };

    private final FunctionSpec spec;
    private final String requestId = UUID.randomUUID().toString();
    private final long deadlineMillis;

    LocalLambdaContext(FunctionSpec spec) {
        this.spec = spec;
        this.deadlineMillis = System.currentTimeMillis() + spec.timeoutSeconds() * 1000L;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + spec.logicalId();
    }

    @Override
    public String getLogStreamName() {
        return "local/" + spec.logicalId();
    }

    @Override
    public String getFunctionName() {
        return spec.logicalId();
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return spec.arn();
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return spec.memoryMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return LOGGER;
    }
}
