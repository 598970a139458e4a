package io.ordertracker.functions.merchantdashboard;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.ordertracker.domain.merchants.Branding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@link DashboardView} into HTML with JMustache, as the tracking page does: {@code {{x}}} escapes HTML
 * (attribute values included); the only unescaped insertion is our own style block, rendered first from the
 * merchant's validated colours and hashed so the Content-Security-Policy allows exactly it.
 */
final class DashboardRenderer {
    private static final String DIR = "/io/ordertracker/functions/merchantdashboard/";
    private static final Mustache.Compiler COMPILER = Mustache.compiler().escapeHTML(true).strictSections(false)
            .emptyStringIsFalse(true).nullValue("");

    private final Template page = load("dashboard.html.mustache");
    private final Template message = load("message.html.mustache");
    private final Template css = load("dashboard.css.mustache");

    /** @param styleHash base64 SHA-256 of the page's only style block, for {@code style-src 'sha256-...'} */
    record Rendered(String html, String styleHash) {
    }

    Rendered dashboard(DashboardView view) {
        String style = css(view.brand());
        Map<String, Object> context = new HashMap<>();
        context.put("css", style);
        java.io.StringWriter out = new java.io.StringWriter();
        page.execute(view, context, out);
        return new Rendered(out.toString(), sha256Base64(style));
    }

    /** A page that shows no figures (expired or unknown link): default branding, no merchant data. */
    Rendered message(String title, String text) {
        String style = css(Branding.of(Optional.empty()));
        return new Rendered(message.execute(Map.of("title", title, "text", text, "css", style)), sha256Base64(style));
    }

    private String css(Branding brand) {
        String style = css.execute(Map.of("primary", brand.primaryColor(), "onPrimary", brand.onPrimaryColor(),
                "accent", brand.accentColor()));
        if (style.contains("<")) {
            // Cannot happen with validated hex colours; if it ever did, it could close the style element.
            throw new IllegalStateException("style block contains markup");
        }
        return style;
    }

    static String sha256Base64(String text) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static Template load(String name) {
        try (InputStream in = DashboardRenderer.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("template missing from the artifact: " + name);
            }
            return COMPILER.compile(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
