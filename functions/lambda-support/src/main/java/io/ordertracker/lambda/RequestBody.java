package io.ordertracker.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Objects;
import java.util.function.Function;

/**
 * A request body as decoded by {@link HttpRequest#body(int)}: either its text, or the problem+json response that
 * tells the client why it was refused. Exactly one of {@link #text()} and {@link #problem()} is non-null.
 */
public final class RequestBody {
    private final String text;
    private final APIGatewayV2HTTPResponse problem;

    private RequestBody(String text, APIGatewayV2HTTPResponse problem) {
        this.text = text;
        this.problem = problem;
    }

    static RequestBody of(String text) {
        return new RequestBody(Objects.requireNonNull(text), null);
    }

    static RequestBody refused(APIGatewayV2HTTPResponse problem) {
        return new RequestBody(null, Objects.requireNonNull(problem));
    }

    public boolean ok() {
        return problem == null;
    }

    /** The decoded text; null when the body was refused. */
    public String text() {
        return text;
    }

    /** The response refusing the body; null when it was accepted. */
    public APIGatewayV2HTTPResponse problem() {
        return problem;
    }

    /** {@code next} applied to the text, or the refusal without calling it. */
    public APIGatewayV2HTTPResponse then(Function<String, APIGatewayV2HTTPResponse> next) {
        return ok() ? next.apply(text) : problem;
    }
}
