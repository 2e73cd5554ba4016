package io.stratusmq.testing;

import java.util.HexFormat;

/** Byte fixtures written as hex, spaces and comments allowed: {@code bytes("10 0c // CONNECT")}. */
public final class Hex {

    private Hex() {
    }

    /** Parses hex pairs; whitespace is ignored and "//" starts a comment that runs to the end of the line. */
    public static byte[] bytes(String text) {
        StringBuilder hex = new StringBuilder();
        for (String line : text.split("\n")) {
            int comment = line.indexOf("//");
            String data = comment >= 0 ? line.substring(0, comment) : line;
            hex.append(data.replaceAll("\\s+", ""));
        }
        return HexFormat.of().parseHex(hex.toString());
    }

    public static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
}
