package io.ordertracker.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertracker.local.emulators.LocalResources;
import io.ordertracker.local.emulators.SamTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** Reads the routes of every HttpApi event and the authorizers of their AWS::Serverless::HttpApi. */
final class HttpRoutes {
    private static final String IMPLICIT_API = "ServerlessHttpApi";

    private HttpRoutes() {
    }

    static List<HttpApiGateway.Route> build(SamTemplate template, LocalResources resources,
                                            Map<String, LocalFunction> functions,
                                            Consumer<LocalRuntime.Skipped> skipped) {
        Map<String, JsonNode> apis = template.resourcesOfType("AWS::Serverless::HttpApi");
        List<HttpApiGateway.Route> routes = new ArrayList<>();
        for (LocalFunction function : functions.values()) {
            function.spec().eventsOfType("HttpApi").forEach((name, props) -> {
                String apiId = props.has("ApiId") ? refTarget(props.get("ApiId")) : IMPLICIT_API;
                JsonNode api = apis.getOrDefault(apiId, com.fasterxml.jackson.databind.node.MissingNode.getInstance());
                JsonNode auth = api.path("Properties").path("Auth");
                String authorizerName = props.path("Auth").path("Authorizer")
                        .asText(auth.path("DefaultAuthorizer").asText("NONE"));
                HttpApiGateway.Authorizer authorizer = null;
                if (!authorizerName.equals("NONE") && !authorizerName.equals("AWS_IAM")) {
                    JsonNode def = auth.path("Authorizers").path(authorizerName);
                    String authFunction = refTarget(def.get("FunctionArn"));
                    LocalFunction fn = functions.get(authFunction);
                    if (fn == null) {
                        skipped.accept(new LocalRuntime.Skipped(function.name() + "." + name,
                                "its authorizer " + authorizerName + " (" + authFunction + ") is not running"));
                        return;
                    }
                    List<String> headers = new ArrayList<>();
                    def.path("Identity").path("Headers").forEach(h -> headers.add(h.asText()));
                    authorizer = new HttpApiGateway.Authorizer(authorizerName, fn, headers,
                            def.path("Identity").path("ReauthorizeEvery").asInt(300),
                            def.path("EnableSimpleResponses").asBoolean(false));
                }
                String method = props.has("Method") ? props.get("Method").asText().toUpperCase(Locale.ROOT) : "$default";
                if (method.equals("ANY") && !props.has("Path")) {
                    method = "$default";
                }
                String path = props.path("Path").asText("/");
                routes.add(new HttpApiGateway.Route(apiId, method, path, function, authorizer));
            });
        }
        return routes;
    }

    /** The logical id a {@code !Ref X}, {@code !Ref X.Alias} or {@code !GetAtt X.Arn} points at. */
    static String refTarget(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.has("Ref")) {
            String ref = node.get("Ref").asText();
            int dot = ref.indexOf('.');
            return dot < 0 ? ref : ref.substring(0, dot);
        }
        if (node.has("Fn::GetAtt")) {
            return node.get("Fn::GetAtt").get(0).asText();
        }
        if (node.has("Fn::Sub")) {
            String text = node.get("Fn::Sub").isArray() ? node.get("Fn::Sub").get(0).asText() : node.get("Fn::Sub").asText();
            var m = java.util.regex.Pattern.compile("\\$\\{([A-Za-z0-9]+)(?:\\.[A-Za-z]+)?}").matcher(text);
            String last = null;
            while (m.find()) {
                if (!m.group(1).startsWith("AWS")) {
                    last = m.group(1);
                }
            }
            return last;
        }
        return node.asText();
    }
}
