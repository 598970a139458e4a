package io.ordertracker.texts;

import java.text.Normalizer;

/**
 * How many SMS segments a text takes. A text entirely in the GSM 03.38 alphabet travels as GSM-7: 160 septets in one
 * segment (characters of the extension table, such as {@code €} or {@code [}, take two); one character outside it
 * and the whole text is UCS-2: 70 UTF-16 units in one segment. Longer texts are split into 153 / 67 per segment.
 */
public final class SmsEncoding {
    /** The GSM 03.38 basic set (line feed and carriage return are in it, but we never send them). */
    static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** The extension table: two septets each. */
    static final String EXTENDED = "^{}\\[~]|€";
    public static final int GSM7_SEGMENT = 160;
    public static final int UCS2_SEGMENT = 70;

    public enum Encoding { GSM7, UCS2 }

    private SmsEncoding() {
    }

    public static Encoding encoding(String text) {
        return text.chars().allMatch(c -> BASIC.indexOf(c) >= 0 || EXTENDED.indexOf(c) >= 0) ? Encoding.GSM7 : Encoding.UCS2;
    }

    /** The length as the network counts it: septets for GSM-7, UTF-16 units for UCS-2. */
    public static int units(String text) {
        if (encoding(text) == Encoding.UCS2) {
            return text.length();
        }
        return text.length() + (int) text.chars().filter(c -> EXTENDED.indexOf(c) >= 0).count();
    }

    public static int segments(String text) {
        int units = units(text);
        boolean gsm = encoding(text) == Encoding.GSM7;
        int single = gsm ? GSM7_SEGMENT : UCS2_SEGMENT;
        if (units <= single) {
            return 1;
        }
        int part = gsm ? 153 : 67;
        return (units + part - 1) / part;
    }

    /**
     * The text in GSM-7: characters GSM-7 has (é, ñ, ü, à, ß, ...) are kept; other accented letters lose their accent
     * (á → a, ç → c, ã → a, ê → e); typographic quotes and dashes become their plain forms; anything else becomes
     * {@code ?}. A language written in GSM-7 (English, German, Italian) comes through unchanged.
     */
    public static String toGsm7(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') {
                out.append(' ');
            } else if (BASIC.indexOf(c) >= 0 || EXTENDED.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append(fold(c));
            }
        }
        return out.toString().replaceAll("\\?{2,}", "?");
    }

    private static String fold(char c) {
        switch (c) {
            case '’', '‘', '´', '`' -> {
                return "'";
            }
            case '“', '”', '„', '«', '»' -> {
                return "\"";
            }
            case '–', '—', '‑' -> {
                return "-";
            }
            case '…' -> {
                return "...";
            }
            case '\u00a0', '\u202f', '\u2009' -> {
                return " ";
            }
            case '×' -> {
                return "x";
            }
            case 'œ' -> {
                return "oe";
            }
            case 'Œ' -> {
                return "OE";
            }
            default -> {
                String base = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
                return base.length() == 1 && BASIC.indexOf(base.charAt(0)) >= 0 ? base : "?";
            }
        }
    }
}
