package io.ordertracker.texts;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The subset of ICU MessageFormat our bundles use, on the JDK alone (ICU4J is 14 MB, more than a whole function's
 * artifact may weigh): text, arguments by name or number ({@code {name}}, {@code {0}}), {@code {n, number}} and
 * {@code {n, number, integer}} in the locale's digits and grouping, and {@code {n, plural, =0 {...} one {...}
 * other {...}}} with {@code #} for the number and CLDR's cardinal rules of the languages we write
 * ({@link #pluralCategory}). Apostrophes follow ICU's default (DOUBLE_OPTIONAL): {@code ''} is one apostrophe, a
 * single one quotes only when a brace (or {@code #} inside a plural) follows it, anything else is literal.
 * Anything else (select, choice, dates, offsets, other styles) is refused when the pattern is parsed, so a bundle
 * cannot use what is not implemented (TextsTest parses every pattern).
 */
public final class MessageTemplate {
    private sealed interface Node permits Text, Arg, Pound {
    }

    private record Text(String text) implements Node {
    }

    /** style: null (plain), "number", "integer" or "plural" (then the sub-messages by selector). */
    private record Arg(String name, String style, Map<String, List<Node>> cases) implements Node {
    }

    private record Pound() implements Node {
    }

    private final String pattern;
    private final List<Node> nodes;

    private MessageTemplate(String pattern, List<Node> nodes) {
        this.pattern = pattern;
        this.nodes = nodes;
    }

    /** @throws IllegalArgumentException for a broken pattern or one using what is not implemented */
    public static MessageTemplate parse(String pattern) {
        Parser p = new Parser(pattern);
        List<Node> nodes = p.message(false);
        return new MessageTemplate(pattern, nodes);
    }

    /** The names and numbers of the arguments, nested ones included. */
    public Set<String> argumentNames() {
        Set<String> out = new TreeSet<>();
        collect(nodes, out);
        return Collections.unmodifiableSet(out);
    }

    /** Formats with named arguments; an argument not given comes out as {@code {name}}, as ICU does. */
    public String format(Locale locale, Map<String, ?> args) {
        StringBuilder out = new StringBuilder();
        render(nodes, locale, args, null, out);
        return out.toString();
    }

    /** Formats with positional arguments ({@code {0}}, {@code {1}}, ...). */
    public String format(Locale locale, Object... args) {
        Map<String, Object> named = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            named.put(Integer.toString(i), args[i]);
        }
        return format(locale, named);
    }

    @Override
    public String toString() {
        return pattern;
    }

    /**
     * CLDR's cardinal plural category: {@code one}, {@code many} or {@code other} (the only ones the languages we
     * write have). en, de, nl, it, es and any other language: one for exactly 1; fr and pt (Brazil; not Portugal): one
     * for 0 and 1 (and a fraction below 2); fr, es, it, pt: many for a non-zero multiple of a million (a pattern
     * without {@code many} uses {@code other}, as in ICU).
     */
    static String pluralCategory(Locale locale, double n) {
        String language = locale.getLanguage();
        boolean integral = n == Math.rint(n) && !Double.isInfinite(n);
        long i = (long) Math.abs(n);
        boolean zeroOrOne = language.equals("fr") || language.equals("pt") && !"PT".equals(locale.getCountry());
        if (zeroOrOne ? i <= 1 : integral && i == 1) {
            return "one";
        }
        boolean hasMany = language.equals("fr") || language.equals("es") || language.equals("it") || language.equals("pt");
        if (hasMany && integral && i != 0 && i % 1_000_000 == 0) {
            return "many";
        }
        return "other";
    }

    private static void collect(List<Node> nodes, Set<String> out) {
        for (Node node : nodes) {
            if (node instanceof Arg arg) {
                out.add(arg.name());
                arg.cases().values().forEach(c -> collect(c, out));
            }
        }
    }

    private static void render(List<Node> nodes, Locale locale, Map<String, ?> args, Number pound, StringBuilder out) {
        for (Node node : nodes) {
            switch (node) {
                case Text t -> out.append(t.text());
                case Pound ignored -> out.append(NumberFormat.getInstance(locale).format(pound));
                case Arg a -> renderArg(a, locale, args, out);
            }
        }
    }

    private static void renderArg(Arg a, Locale locale, Map<String, ?> args, StringBuilder out) {
        if (!args.containsKey(a.name())) {
            out.append('{').append(a.name()).append('}');
            return;
        }
        Object value = args.get(a.name());
        if (a.style() == null) {
            out.append(value instanceof Number n ? NumberFormat.getInstance(locale).format(n) : String.valueOf(value));
            return;
        }
        Number number = value instanceof Number n ? n : Double.valueOf(String.valueOf(value));
        switch (a.style()) {
            case "integer" -> out.append(NumberFormat.getIntegerInstance(locale).format(number));
            case "number" -> out.append(NumberFormat.getInstance(locale).format(number));
            default -> {
                double d = number.doubleValue();
                List<Node> chosen = a.cases().get("=" + (d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d)));
                if (chosen == null) {
                    chosen = a.cases().getOrDefault(pluralCategory(locale, d), a.cases().get("other"));
                }
                render(chosen, locale, args, number, out);
            }
        }
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        /** Text and arguments up to the end or, inside a plural, an unquoted '}' (not consumed); at the top a '}' is text, as in ICU. */
        List<Node> message(boolean inPlural) {
            List<Node> nodes = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '\'') {
                    quoted(text, inPlural);
                } else if (c == '{') {
                    flush(text, nodes);
                    nodes.add(argument());
                } else if (c == '}' && inPlural) {
                    break;
                } else if (c == '#' && inPlural) {
                    flush(text, nodes);
                    nodes.add(new Pound());
                    pos++;
                } else {
                    text.append(c);
                    pos++;
                }
            }
            flush(text, nodes);
            return List.copyOf(nodes);
        }

        private void quoted(StringBuilder text, boolean inPlural) {
            char next = pos + 1 < s.length() ? s.charAt(pos + 1) : 0;
            if (next == '\'') {
                text.append('\'');
                pos += 2;
            } else if (next == '{' || next == '}' || next == '#' && inPlural) {
                pos++;
                while (true) {
                    if (pos >= s.length()) {
                        throw error("unterminated quote");
                    }
                    char c = s.charAt(pos++);
                    if (c != '\'') {
                        text.append(c);
                    } else if (pos < s.length() && s.charAt(pos) == '\'') {
                        text.append('\'');
                        pos++;
                    } else {
                        break;
                    }
                }
            } else {
                text.append('\'');
                pos++;
            }
        }

        private Node argument() {
            pos++; // '{'
            String name = word();
            if (name.isEmpty() || !(name.chars().allMatch(Character::isDigit)
                    || Character.isJavaIdentifierStart(name.charAt(0)) && name.chars().allMatch(Character::isJavaIdentifierPart))) {
                throw error("bad argument name '" + name + "'");
            }
            skipSpace();
            if (peek() == '}') {
                pos++;
                return new Arg(name, null, Map.of());
            }
            expect(',');
            String type = word();
            skipSpace();
            if (type.equals("number")) {
                String style = "number";
                if (peek() == ',') {
                    pos++;
                    style = word();
                    if (!style.equals("integer")) {
                        throw error("number style '" + style + "' is not implemented");
                    }
                    skipSpace();
                }
                expect('}');
                return new Arg(name, style, Map.of());
            }
            if (!type.equals("plural")) {
                throw error("argument type '" + type + "' is not implemented");
            }
            expect(',');
            Map<String, List<Node>> cases = new LinkedHashMap<>();
            while (true) {
                String selector = word();
                if (selector.isEmpty()) {
                    break;
                }
                if (!selector.matches("=\\d+|zero|one|two|few|many|other")) {
                    throw error("bad plural selector '" + selector + "'");
                }
                skipSpace();
                expect('{');
                if (cases.put(selector, message(true)) != null) {
                    throw error("selector '" + selector + "' twice");
                }
                expect('}');
            }
            if (!cases.containsKey("other")) {
                throw error("plural without other");
            }
            expect('}');
            return new Arg(name, "plural", Map.copyOf(cases));
        }

        private String word() {
            skipSpace();
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_' || s.charAt(pos) == '=')) {
                pos++;
            }
            return s.substring(start, pos);
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private char peek() {
            return pos < s.length() ? s.charAt(pos) : 0;
        }

        private void expect(char c) {
            skipSpace();
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private static void flush(StringBuilder text, List<Node> nodes) {
            if (!text.isEmpty()) {
                nodes.add(new Text(text.toString()));
                text.setLength(0);
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at " + pos + " in: " + s);
        }
    }
}
