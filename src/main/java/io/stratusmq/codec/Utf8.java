package io.stratusmq.codec;

import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 for MQTT strings [MQTT-1.5.4]: well-formed per RFC 3629, no surrogates, no U+0000. The JDK
 * decoder would quietly replace bad input with U+FFFD; MQTT requires the receiver to close instead.
 */
public final class Utf8 {

    private Utf8() {
    }

    /** Decodes an MQTT UTF-8 string, or throws MALFORMED_PACKET [MQTT-1.5.4-1], [MQTT-1.5.4-2]. */
    public static String decode(byte[] b, int off, int len) throws MalformedPacketException {
        int end = off + len;
        boolean ascii = true;
        for (int i = off; i < end; i++) {
            int c = b[i];
            if (c <= 0) { // U+0000 or a non-ASCII lead byte
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(b, off, len, StandardCharsets.ISO_8859_1);
        }
        int bad = firstInvalid(b, off, len, true);
        if (bad >= 0) {
            throw MalformedPacketException.malformed("invalid UTF-8 in string at byte " + (bad - off));
        }
        return new String(b, off, len, StandardCharsets.UTF_8);
    }

    /** True when the bytes are well-formed UTF-8 (U+0000 allowed): the check for payload format 1. */
    public static boolean isWellFormed(byte[] b) {
        return firstInvalid(b, 0, b.length, false) < 0;
    }

    /** The number of bytes the string takes in UTF-8. */
    public static int encodedLength(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2; // four bytes for the pair of two chars
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    /** Index of the first byte of an invalid sequence, or -1. */
    private static int firstInvalid(byte[] b, int off, int len, boolean rejectNul) {
        int i = off;
        int end = off + len;
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                if (c == 0 && rejectNul) {
                    return i;
                }
                i++;
                continue;
            }
            int need;
            int cp;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
                cp = c & 0x1F;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                cp = c & 0x0F;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                cp = c & 0x07;
                min = 0x10000;
            } else {
                return i; // continuation byte, overlong lead C0/C1, or F5..FF
            }
            if (i + need >= end) { // truncated sequence
                return i;
            }
            for (int k = 1; k <= need; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    return i;
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return i;
            }
            i += need + 1;
        }
        return -1;
    }
}
