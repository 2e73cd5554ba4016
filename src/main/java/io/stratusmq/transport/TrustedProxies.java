package io.stratusmq.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which peers may speak for a client's address, and finds that address in an X-Forwarded-For chain:
 * walking from the right, the first address that is not a trusted proxy is the client. Immutable.
 */
public final class TrustedProxies {

    private final List<byte[][]> blocks = new ArrayList<>(); // {network, mask}

    /** @throws IllegalArgumentException with a one-line message for an entry that is not an address or CIDR */
    public TrustedProxies(List<String> entries) {
        for (String raw : entries) {
            String e = raw.trim();
            if (e.isEmpty()) {
                continue;
            }
            int slash = e.indexOf('/');
            byte[] address = parse(slash < 0 ? e : e.substring(0, slash), raw);
            int bits = address.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(e.substring(slash + 1));
                } catch (NumberFormatException x) {
                    throw new IllegalArgumentException("stratus.proxy.trusted: bad prefix length in " + raw);
                }
                if (bits < 0 || bits > address.length * 8) {
                    throw new IllegalArgumentException("stratus.proxy.trusted: bad prefix length in " + raw);
                }
            }
            byte[] mask = new byte[address.length];
            for (int i = 0; i < bits; i++) {
                mask[i / 8] |= (byte) (0x80 >>> (i % 8));
            }
            blocks.add(new byte[][] {address, mask});
        }
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** True when the address (host, without port) belongs to a trusted proxy. */
    public boolean trusts(String host) {
        if (blocks.isEmpty() || host == null) {
            return false;
        }
        byte[] a;
        try {
            a = literal(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (byte[][] b : blocks) {
            if (b[0].length != a.length) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i < a.length && match; i++) {
                match = (a[i] & b[1][i]) == (b[0][i] & b[1][i]);
            }
            if (match) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client's address: the peer itself unless it is a trusted proxy, else the right-most address of the
     * X-Forwarded-For chain that is not a trusted proxy.
     */
    public String clientAddress(String peerHost, String forwardedFor) {
        if (forwardedFor == null || !trusts(peerHost)) {
            return peerHost;
        }
        String[] hops = forwardedFor.split(",");
        String client = peerHost;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (hop.isEmpty()) {
                continue;
            }
            client = hop;
            if (!trusts(hop)) {
                break;
            }
        }
        return client;
    }

    /** The host part of "host:port", "[v6]:port" or a bare host. */
    public static String host(String address) {
        if (address == null) {
            return null;
        }
        if (address.startsWith("[")) {
            int end = address.indexOf(']');
            return end > 0 ? address.substring(1, end) : address;
        }
        int colon = address.lastIndexOf(':');
        return colon > 0 && address.indexOf(':') == colon ? address.substring(0, colon) : address;
    }

    private static byte[] parse(String host, String raw) {
        try {
            return literal(host);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("stratus.proxy.trusted: not an IP address or CIDR block: " + raw);
        }
    }

    /** An IP literal only: never a DNS lookup. */
    private static byte[] literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean v4 = h.chars().allMatch(c -> c == '.' || Character.isDigit(c));
        boolean v6 = h.indexOf(':') >= 0 && h.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
        if (!v4 && !v6) {
            throw new IllegalArgumentException(host);
        }
        if (v4) {
            String[] parts = h.split("\\.", -1);
            if (parts.length != 4) {
                throw new IllegalArgumentException(host);
            }
            for (String part : parts) {
                if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255) {
                    throw new IllegalArgumentException(host);
                }
            }
        }
        try {
            return InetAddress.getByName(h).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(host);
        }
    }
}
