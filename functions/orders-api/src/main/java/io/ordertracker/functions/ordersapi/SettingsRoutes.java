package io.ordertracker.functions.ordersapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.ordertracker.domain.merchants.MerchantSettingsService;
import io.ordertracker.domain.merchants.MerchantSettingsService.Change;
import io.ordertracker.domain.merchants.MerchantStore.SettingsRevision;
import io.ordertracker.domain.merchants.SettingsDocument;
import io.ordertracker.json.Json;
import io.ordertracker.lambda.HttpRequest;
import io.ordertracker.lambda.HttpResponses;
import io.ordertracker.lambda.HttpResponses.FieldError;
import io.ordertracker.lambda.RequestBody;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET|PUT|PATCH /v1/settings}: the authenticated merchant's settings document. The ETag is the settings'
 * version; PUT and PATCH must send it back in If-Match, so of two people editing at once the second gets 412 and
 * re-reads instead of silently undoing the first one's change.
 */
final class SettingsRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(OrdersApiFunction.class);
    /** A settings document is a few hundred bytes; 16 KiB leaves room for every field at its maximum. */
    static final int MAX_BODY_BYTES = 16 * 1024;
    static final String MERGE_PATCH_JSON = "application/merge-patch+json";
    private static final Pattern ENTITY_TAG = Pattern.compile("(W/)?\"([\\x21\\x23-\\x7e]*)\"");

    private final MerchantSettingsService settings;

    SettingsRoutes(MerchantSettingsService settings) {
        this.settings = settings;
    }

    APIGatewayV2HTTPResponse get(HttpRequest request) {
        return settings.get(request.merchantId()).map(r -> document(200, r)).orElseGet(SettingsRoutes::noMerchant);
    }

    APIGatewayV2HTTPResponse put(HttpRequest request) {
        return withVersion(request, version -> request.jsonBody(MAX_BODY_BYTES).then(text -> parsed(text,
                doc -> answer(settings.replace(request.merchantId(), doc, version)))));
    }

    APIGatewayV2HTTPResponse patch(HttpRequest request) {
        String contentType = request.header("content-type");
        if (contentType == null || !contentType.split(";", 2)[0].trim().equalsIgnoreCase(MERGE_PATCH_JSON)) {
            return HttpResponses.problem(415, "unsupported-media-type", "Unsupported media type", "Content-Type",
                    "Send a JSON Merge Patch (RFC 7396) as " + MERGE_PATCH_JSON + ".");
        }
        return withVersion(request, version -> {
            RequestBody body = request.body(MAX_BODY_BYTES);
            return body.then(text -> parsed(text, doc -> answer(settings.patch(request.merchantId(), doc, version))));
        });
    }

    private interface VersionedStep {
        APIGatewayV2HTTPResponse apply(long version);
    }

    private interface DocumentStep {
        APIGatewayV2HTTPResponse apply(Object document);
    }

    /** If-Match is required (428 without it) and must be one strong ETag of ours; another value cannot match (412). */
    private static APIGatewayV2HTTPResponse withVersion(HttpRequest request, VersionedStep next) {
        String ifMatch = request.header("if-match");
        if (ifMatch == null || ifMatch.isBlank()) {
            return HttpResponses.problem(428, "precondition-required", "Precondition required", "If-Match",
                    "Send If-Match with the ETag of GET /v1/settings, so a concurrent edit is not overwritten.");
        }
        if (ifMatch.strip().equals("*")) {
            return HttpResponses.problem(428, "precondition-required", "Precondition required", "If-Match",
                    "If-Match: * would overwrite any concurrent edit; send the ETag of GET /v1/settings.");
        }
        Matcher m = ENTITY_TAG.matcher(ifMatch.strip());
        if (!m.matches()) {
            return HttpResponses.problem(400, "validation", "Invalid header", "If-Match",
                    "If-Match must be one entity tag, as the ETag of GET /v1/settings, e.g. \"3\".");
        }
        OptionalLong version = m.group(1) == null ? versionOf(m.group(2)) : OptionalLong.empty();
        if (version.isEmpty()) {
            return mismatch();
        }
        return next.apply(version.getAsLong());
    }

    private static OptionalLong versionOf(String opaque) {
        if (!opaque.matches("[0-9]{1,18}")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(opaque));
    }

    private static APIGatewayV2HTTPResponse parsed(String text, DocumentStep next) {
        Object document;
        try {
            document = Json.read(text, Object.class);
        } catch (IllegalArgumentException e) {
            return HttpResponses.problem(400, "validation", "Malformed request", "body", "The body is not valid JSON.");
        }
        if (!(document instanceof Map<?, ?>)) {
            return HttpResponses.problem(400, "validation", "Malformed request", "body",
                    "The body must be a JSON object of settings.");
        }
        return next.apply(document);
    }

    private static APIGatewayV2HTTPResponse answer(Change change) {
        return switch (change) {
            case Change.Saved s -> {
                LOG.info("merchant settings saved at version {}", s.revision().version());
                yield document(200, s.revision());
            }
            case Change.Invalid i -> {
                List<FieldError> errors = i.problems().stream().map(p -> new FieldError(p.field(), p.message())).toList();
                boolean malformed = errors.stream().anyMatch(e -> e.field().equals("body"));
                yield HttpResponses.problem(malformed ? 400 : 422, "validation",
                        malformed ? "Malformed request" : "Invalid settings",
                        errors.get(0).field() + " " + errors.get(0).message(), errors);
            }
            case Change.VersionConflict c -> mismatch();
            case Change.NoSuchMerchant n -> noMerchant();
        };
    }

    private static APIGatewayV2HTTPResponse document(int status, SettingsRevision revision) {
        return HttpResponses.json(status, SettingsDocument.write(revision.settings()),
                Map.of("ETag", etag(revision.version())));
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    private static APIGatewayV2HTTPResponse mismatch() {
        return HttpResponses.problem(412, "precondition-failed", "Precondition failed", "If-Match",
                "The settings changed since this ETag was read; GET /v1/settings again and reapply the change.");
    }

    private static APIGatewayV2HTTPResponse noMerchant() {
        return HttpResponses.problem(404, "not-found", "Not found", "merchantId", "No settings for this merchant.");
    }
}
