package io.stratusmq.loadtest.report;

/** Builds one JSON object on a single line, keys in insertion order. Non-finite numbers become null. */
final class JsonLine {
    private final StringBuilder out = new StringBuilder(1024).append('{');
    private boolean first = true;

    JsonLine add(String key, String value) {
        key(key);
        if (value == null) {
            out.append("null");
        } else {
            quote(value);
        }
        return this;
    }

    JsonLine add(String key, long value) {
        key(key);
        out.append(value);
        return this;
    }

    JsonLine add(String key, Long value) {
        key(key);
        out.append(value == null ? "null" : value.toString());
        return this;
    }

    /** Rounded to {@code decimals} places. */
    JsonLine add(String key, double value, int decimals) {
        key(key);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            out.append("null");
        } else {
            out.append(java.math.BigDecimal.valueOf(value)
                    .setScale(decimals, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString());
        }
        return this;
    }

    JsonLine add(String key, boolean value) {
        key(key);
        out.append(value);
        return this;
    }

    String build() {
        return out.append('}').toString();
    }

    private void key(String key) {
        if (!first) {
            out.append(',');
        }
        first = false;
        quote(key);
        out.append(':');
    }

    private void quote(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
