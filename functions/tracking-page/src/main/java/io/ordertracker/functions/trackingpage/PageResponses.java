package io.ordertracker.functions.trackingpage;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.ordertracker.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Status codes and headers of the page. The page changes a few times a day, so the shopper's browser may keep it five
 * minutes and then revalidate cheaply with the ETag; a not-found page is kept briefly. Only the browser: the token in
 * the URL is the only key to the page, so a shared cache (a CDN, a corporate proxy) must not keep a copy it could
 * serve to another client. Security headers forbid
 * every script, frame, plugin and form, allow only the page's own hashed style block and https images (the
 * merchant's logo), and keep the token out of Referer headers.
 */
final class PageResponses {
    static final String PAGE_CACHE = "private, max-age=300";
    static final String NOT_FOUND_CACHE = "private, max-age=60";
    static final String HTML = "text/html; charset=utf-8";
    static final String JSON = "application/json";

    private PageResponses() {
    }

    static APIGatewayV2HTTPResponse html(PageRenderer.Rendered page, String ifNoneMatch) {
        return cacheable(200, HTML, page.html(), csp(page.styleHash()), PAGE_CACHE, ifNoneMatch);
    }

    static APIGatewayV2HTTPResponse json(String body, String ifNoneMatch) {
        return cacheable(200, JSON, body, csp(null), PAGE_CACHE, ifNoneMatch);
    }

    static APIGatewayV2HTTPResponse notFound(PageRenderer.Rendered page) {
        return response(404, HTML, page.html(), csp(page.styleHash()), NOT_FOUND_CACHE, null);
    }

    static APIGatewayV2HTTPResponse notFoundJson(PageText text) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", io.ordertracker.lambda.HttpResponses.PROBLEM_BASE + "not-found");
        problem.put("title", text.get("label.notFoundTitle"));
        problem.put("status", 404);
        problem.put("detail", text.get("label.notFoundText"));
        return response(404, io.ordertracker.lambda.HttpResponses.PROBLEM_JSON, Json.write(problem), csp(null),
                NOT_FOUND_CACHE, null);
    }

    /**
     * The preferences page: never cached (it changes when the shopper saves), and its form may post back to this
     * origin only.
     */
    static APIGatewayV2HTTPResponse preferences(PageRenderer.Rendered page) {
        String csp = csp(page.styleHash()).replace("form-action 'none'", "form-action 'self'");
        return response(200, HTML, page.html(), csp, "no-store", null);
    }

    /** A one-line answer (RFC 8058 one-click unsubscribe): mail clients read the status, nobody reads the body. */
    static APIGatewayV2HTTPResponse plain(int status, String text) {
        return response(status, "text/plain; charset=utf-8", text + "\n", csp(null), "no-store", null);
    }

    static APIGatewayV2HTTPResponse error(PageRenderer.Rendered page) {
        return response(500, HTML, page.html(), csp(page.styleHash()), "no-store", null);
    }

    private static APIGatewayV2HTTPResponse cacheable(int status, String type, String body, String csp, String cache,
                                                      String ifNoneMatch) {
        String etag = etag(type, body);
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            return response(304, null, null, csp, cache, etag);
        }
        return response(status, type, body, csp, cache, etag);
    }

    private static APIGatewayV2HTTPResponse response(int status, String type, String body, String csp, String cache,
                                                     String etag) {
        Map<String, String> headers = new LinkedHashMap<>(securityHeaders(csp));
        if (type != null) {
            headers.put("Content-Type", type);
        }
        headers.put("Cache-Control", cache);
        // The same URL answers in HTML or JSON, and the not-found page in the browser's language.
        headers.put("Vary", "Accept, Accept-Language");
        if (etag != null) {
            headers.put("ETag", etag);
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers)
                .withBody(body == null ? "" : body).build();
    }

    static Map<String, String> securityHeaders(String csp) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Security-Policy", csp);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        h.put("Referrer-Policy", "no-referrer");
        h.put("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
        h.put("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
        h.put("Cross-Origin-Opener-Policy", "same-origin");
        h.put("Cross-Origin-Resource-Policy", "same-origin");
        h.put("X-Robots-Tag", "noindex, nofollow");
        return h;
    }

    /** No script of any kind; the one style block by hash; images only over https (the merchant's logo). */
    static String csp(String styleHash) {
        return "default-src 'none'; "
                + (styleHash == null ? "" : "style-src 'sha256-" + styleHash + "'; img-src https:; ")
                + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    static String etag(String type, String body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(type.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return '"' + HexFormat.of().formatHex(sha.digest(body.getBytes(StandardCharsets.UTF_8))).substring(0, 32) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** If-None-Match may list several tags, or {@code *}; weak tags (W/) compare equal for GET (RFC 9110). */
    static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** JSON only when the client ranks it above HTML; browsers (text/html first, or *&#47;*) get the page. */
    static boolean prefersJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        double json = 0;
        double html = 0;
        for (String part : accept.split(",")) {
            String[] pieces = part.split(";");
            String type = pieces[0].strip().toLowerCase(Locale.ROOT);
            double q = 1.0;
            for (int i = 1; i < pieces.length; i++) {
                String p = pieces[i].strip();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (type.equals("application/json")) {
                json = Math.max(json, q);
            } else if (type.equals("text/html")) {
                html = Math.max(html, q);
            }
        }
        return json > 0 && json > html;
    }

    /** The first language of an Accept-Language header (only used for the not-found and error pages). */
    static String preferredLanguage(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return null;
        }
        String first = acceptLanguage.split(",")[0].split(";")[0].strip();
        return first.matches("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*") ? first : null;
    }
}
