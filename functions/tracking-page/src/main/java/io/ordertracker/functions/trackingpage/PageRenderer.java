package io.ordertracker.functions.trackingpage;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * Turns a {@link TrackingPageView} into HTML with JMustache. {@code {{x}}} escapes HTML (JMustache escapes
 * {@code & < > " ' ` =}, so attribute values are safe too); the only unescaped insertions are our own CSS and
 * our own icon constants. The CSS is rendered first (it carries the merchant's validated colours) and its SHA-256
 * is returned so the Content-Security-Policy can allow exactly that style block and nothing else inline.
 */
final class PageRenderer {
    private static final String DIR = "/io/ordertracker/functions/trackingpage/";
    private static final Mustache.Compiler COMPILER = Mustache.compiler().escapeHTML(true).strictSections(false)
            .nullValue("");

    private final Template page = load("page.html.mustache");
    private final Template message = load("message.html.mustache");
    private final Template css = load("page.css.mustache");

    /** @param styleHash base64 SHA-256 of the page's only style block, for {@code style-src 'sha256-...'} */
    record Rendered(String html, String styleHash) {
    }

    Rendered page(TrackingPageView view) {
        String style = css(view.brand());
        Map<String, Object> context = new java.util.HashMap<>();
        context.put("css", style);
        java.io.StringWriter out = new java.io.StringWriter();
        page.execute(view, context, out);
        return new Rendered(out.toString(), sha256Base64(style));
    }

    /** The friendly not-found (or error) page: plain branding, no data. */
    Rendered message(PageText text, String titleKey, String textKey) {
        String style = css(Branding.of(java.util.Optional.empty()));
        Map<String, Object> context = Map.of("lang", text.locale().toLanguageTag(), "title", text.get(titleKey),
                "text", text.get(textKey), "poweredBy", text.get("label.poweredBy"), "css", style);
        return new Rendered(message.execute(context), sha256Base64(style));
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
        try (InputStream in = PageRenderer.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("template missing from the artifact: " + name);
            }
            return COMPILER.compile(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
