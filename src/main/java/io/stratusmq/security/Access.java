package io.stratusmq.security;

/** What an ACL rule allows on the topics its filter matches: Mosquitto's {@code read|write|readwrite|deny}. */
public enum Access {
    /** Receive messages: subscribe, and get them delivered. */
    READ,
    /** Publish, wills included. */
    WRITE,
    READWRITE,
    /** Nothing, whatever other rules grant: denials are checked first (Mosquitto's acl_file documentation). */
    DENY;

    public boolean allowsRead() {
        return this == READ || this == READWRITE;
    }

    public boolean allowsWrite() {
        return this == WRITE || this == READWRITE;
    }

    /** The keyword in an ACL file, or null when the word is none. */
    static Access ofKeyword(String word) {
        return switch (word) {
            case "read" -> READ;
            case "write" -> WRITE;
            case "readwrite" -> READWRITE;
            case "deny" -> DENY;
            default -> null;
        };
    }
}
