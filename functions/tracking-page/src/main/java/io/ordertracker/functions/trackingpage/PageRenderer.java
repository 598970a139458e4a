package io.ordertracker.functions.trackingpage;

import io.ordertracker.domain.merchants.Branding;
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
    private final Template preferences = load("preferences.html.mustache");
    /** The preferences form's own rules, appended to the page's style block (still one hashed block). */
    private static final String PREFERENCES_CSS = "fieldset{border:0;margin:0;padding:0}"
            + "legend{font-weight:700;margin-bottom:.5rem;padding:0}"
            + ".prefs-row{display:flex;align-items:center;gap:.5rem;min-height:2.75rem}"
            + ".prefs-row input{width:1.25rem;height:1.25rem;flex:none;margin:0}"
            + "button{font:inherit;font-weight:700;min-height:2.75rem;padding:.5rem 1rem;border-radius:6px;"
            + "border:2px solid var(--brand);background:#fff;color:#1c1e21;cursor:pointer}"
            + "button:focus-visible,input:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}"
            + ".prefs-status{font-weight:700;margin:1rem 0}";

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

    /** The shopper's email choices at one merchant ({@link PreferencesPage}). */
    Rendered preferences(Branding brand, PageText text, java.util.List<Map<String, Object>> rows,
                         boolean unsubscribedAll, String status) {
        String style = css(brand) + PREFERENCES_CSS;
        Map<String, Object> context = new java.util.HashMap<>();
        context.put("lang", text.locale().toLanguageTag());
        context.put("title", text.get("prefs.title"));
        context.put("brand", brand);
        context.put("rows", rows);
        context.put("status", status);
        context.put("unsubscribedAll", unsubscribedAll);
        context.put("allOffText", text.get("prefs.allOff"));
        context.put("chooseText", text.get("prefs.choose"));
        context.put("saveText", text.get("prefs.save"));
        context.put("allText", text.get("prefs.allText"));
        context.put("allButton", text.get("prefs.allButton"));
        context.put("css", style);
        return new Rendered(preferences.execute(context), sha256Base64(style));
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
