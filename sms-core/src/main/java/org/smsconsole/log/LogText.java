package org.smsconsole.log;

/**
 * Text from outside (a typed user name, a Sinch error, a callback's field) made safe for one log line: line breaks and
 * other control characters are written as escapes ({@code \n}, {@code \r}, {@code \t}, {@code \u001b}), so nobody
 * can forge a log line by typing a newline, and over-long text is cut. Every log statement that includes such text
 * passes it through {@link #of}.
 */
public final class LogText {

    static final int MAX = 500;

    private LogText() {
    }

    public static String of(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX) + 16);
        for (int i = 0; i < text.length(); i++) {
            if (out.length() >= MAX) {
                return out.append("… (").append(text.length()).append(" characters)").toString();
            }
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
