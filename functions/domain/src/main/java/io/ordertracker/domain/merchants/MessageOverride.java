package io.ordertracker.domain.merchants;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A merchant's own subject and/or intro line for one milestone in one language, as Mustache templates over a fixed
 * set of variables. Rendered as text and escaped wherever it lands (HTML-escaped in the HTML email, control
 * characters stripped from the subject), so a template can only ever produce words, never markup. Only plain
 * variables and sections over them are allowed: no unescaped output ({@code {{{x}}}}, {@code {{&x}}}), partials,
 * comments or delimiter changes, no sections, no braces outside a tag.
 *
 * @param subject the whole subject line; null: ours
 * @param intro   the first paragraph under the headline; null: ours
 */
public record MessageOverride(String subject, String intro) {
    /** What a template may say: the shopper's name, the order, the merchant, the parcel and the expected date. */
    public static final List<String> VARIABLES =
            List.of("name", "orderNumber", "merchant", "carrier", "trackingNumber", "expectedDate");
    public static final int MAX_SUBJECT = 200;
    public static final int MAX_INTRO = 600;

    /** One {{variable}} tag (spaces allowed inside the braces). */
    private static final Pattern TAG = Pattern.compile(
            "\\{\\{ *(?:" + String.join("|", VARIABLES) + ") *}}");
    /** A whole template: text without braces, and tags. docs/openapi.yaml's MessageTemplate is the same pattern. */
    private static final Pattern TEMPLATE = Pattern.compile("(?:[^{}]|" + TAG.pattern() + ")*");
    private static final Pattern ANY_TAG = Pattern.compile("\\{\\{ *([^{} ]*) *}}");

    /**
     * What is wrong with a template, if anything: an unknown variable, triple braces, a section or another tag, a
     * stray brace. Only plain text and {{variable}} tags are allowed.
     */
    public static Optional<String> problem(String template) {
        if (TEMPLATE.matcher(template).matches()) {
            return Optional.empty();
        }
        if (template.contains("{{{")) {
            return Optional.of("must not use triple braces (unescaped output); use {{variable}}");
        }
        Matcher m = ANY_TAG.matcher(template);
        while (m.find()) {
            String name = m.group(1);
            if (!VARIABLES.contains(name)) {
                return Optional.of(name.matches("[#^/&>!=].*")
                        ? "has an unsupported tag {{" + clip(name) + "}}: only {{variable}} tags, no sections, partials or comments"
                        : "uses an unknown variable " + clip(name) + " (known: " + String.join(", ", VARIABLES) + ")");
            }
        }
        return Optional.of("may use braces only in {{variable}} tags (variables: " + String.join(", ", VARIABLES) + ")");
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
