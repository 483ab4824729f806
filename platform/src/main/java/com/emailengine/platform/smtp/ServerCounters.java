package com.emailengine.platform.smtp;

import java.util.concurrent.atomic.LongAdder;

/** The running counts behind {@link SmtpCounters}, added to by every session at once. */
final class ServerCounters {

    final LongAdder connections = new LongAdder();
    final LongAdder connectionsRefused = new LongAdder();
    final LongAdder messagesAccepted = new LongAdder();
    final LongAdder messagesRejected = new LongAdder();
    final LongAdder recipientsAccepted = new LongAdder();
    final LongAdder recipientsRejected = new LongAdder();
    final LongAdder tlsSessions = new LongAdder();

    SmtpCounters snapshot() {
        return new SmtpCounters(connections.sum(), connectionsRefused.sum(), messagesAccepted.sum(), messagesRejected.sum(),
                recipientsAccepted.sum(), recipientsRejected.sum(), tlsSessions.sum());
    }
}
