package com.emailengine.emulators.internet;

/** A failure the local DNS server plays for one owner name instead of answering truthfully. */
public enum DnsFault {
    /** The server never answers, so the client's own timeout fires. */
    TIMEOUT,
    /** The server answers SERVFAIL, as an authoritative server with a broken zone would. */
    SERVFAIL
}
