package io.ordertracker.domain.merchants;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A merchant's own subject and/or intro line for one milestone in one language, as Mustache templates over a fixed
 * set of variables. Rendered as text and escaped wherever it lands (HTML-escaped in the HTML email, control
 * characters stripped from the subject), so a template can only ever produce words, never markup. Only plain
 * variables and sections over them are allowed: no unescaped output ({@code {{{x}}}}, {@code {{&x}}}), partials,
 * comments or delimiter changes.
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

    private static final Pattern TAG = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);
    private static final Pattern INNER = Pattern.compile("\\s*([#^/]?)\\s*([A-Za-z]+)\\s*");

    /**
     * What is wrong with a template, if anything: an unknown variable, an unsupported tag, an unclosed section, a
     * stray brace.
     */
    public static Optional<String> problem(String template) {
        if (template.contains("{{{")) {
            return Optional.of("must not use triple braces (unescaped output); use {{variable}}");
        }
        Deque<String> open = new ArrayDeque<>();
        Matcher m = TAG.matcher(template);
        int last = 0;
        while (m.find()) {
            if (template.substring(last, m.start()).contains("}}") || template.substring(last, m.start()).contains("{{")) {
                return Optional.of("has an unbalanced {{ or }}");
            }
            last = m.end();
            Matcher inner = INNER.matcher(m.group(1));
            if (!inner.matches()) {
                return Optional.of("has an unsupported tag {{" + clip(m.group(1)) + "}}: use {{variable}}, "
                        + "{{#variable}}...{{/variable}} or {{^variable}}...{{/variable}} with one of "
                        + String.join(", ", VARIABLES));
            }
            String sigil = inner.group(1);
            String name = inner.group(2);
            if (!VARIABLES.contains(name)) {
                return Optional.of("uses an unknown variable " + clip(name) + " (known: " + String.join(", ", VARIABLES) + ")");
            }
            if (sigil.equals("#") || sigil.equals("^")) {
                open.push(name);
            } else if (sigil.equals("/")) {
                if (open.isEmpty() || !open.pop().equals(name)) {
                    return Optional.of("closes a section {{/" + name + "}} that is not open");
                }
            }
        }
        String rest = template.substring(last);
        if (rest.contains("{{") || rest.contains("}}")) {
            return Optional.of("has an unbalanced {{ or }}");
        }
        if (!open.isEmpty()) {
            return Optional.of("leaves the section {{#" + open.peek() + "}} unclosed");
        }
        return Optional.empty();
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
