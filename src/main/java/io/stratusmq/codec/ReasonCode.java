package io.stratusmq.codec;

/** A reason code of one packet type: its byte on the wire and who may send it. */
public interface ReasonCode {

    /** The byte on the wire. */
    int code();

    /** Who may put this code on the wire. */
    Sender sender();

    /** Codes of 0x80 and above report a failure [MQTT-2.4]. */
    default boolean isError() {
        return code() >= 0x80;
    }

    /** Who may send a reason code. */
    enum Sender {
        CLIENT, SERVER, BOTH;

        public boolean client() {
            return this != SERVER;
        }

        public boolean server() {
            return this != CLIENT;
        }
    }

    /** Looks a code up among an enum's constants, or returns null. */
    static <R extends Enum<R> & ReasonCode> R lookup(R[] table, int code) {
        return code >= 0 && code < table.length ? table[code] : null;
    }

    /** Fills a 256-slot table from byte to constant, for the decoder; no reflection, so native images need none. */
    static <R extends Enum<R> & ReasonCode> R[] table(R[] constants, R[] table) {
        for (R r : constants) {
            table[r.code()] = r;
        }
        return table;
    }
}
