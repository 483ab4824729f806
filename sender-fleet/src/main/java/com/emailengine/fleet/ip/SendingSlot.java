package com.emailengine.fleet.ip;

import com.emailengine.core.smtp.SmtpStage;
import com.emailengine.core.throttle.Provider;
import com.emailengine.fleet.smtp.HostReply;
import com.emailengine.fleet.smtp.SmtpChannel;

/**
 * The right to send one message from one IP to one provider: a connection slot and one message of
 * every quota that applies, taken by {@link SourceSelector}. Either {@link #sent} (after the SMTP
 * attempt, with its reply) or {@link #cancel} (nothing was sent) must be called exactly once.
 */
public final class SendingSlot {

    private final SendingIp ip;
    private final Provider provider;
    private final String shareGroup;
    private final SmtpChannel channel;
    private final ConnectionSlots slots;
    private final String dayItem;
    private final String hourItem;
    private boolean done;

    SendingSlot(SendingIp ip, Provider provider, String shareGroup, SmtpChannel channel, ConnectionSlots slots,
                String dayItem, String hourItem) {
        this.ip = ip;
        this.provider = provider;
        this.shareGroup = shareGroup;
        this.channel = channel;
        this.slots = slots;
        this.dayItem = dayItem;
        this.hourItem = hourItem;
    }

    public com.emailengine.core.tenant.SendingAddress address() {
        return ip.address();
    }

    public Provider provider() {
        return provider;
    }

    public SmtpChannel channel() {
        return channel;
    }

    /**
     * The attempt happened: count it, apply backoff or pause, free the connection slot. An attempt that
     * never started a transaction (no server, or refused at the greeting) sent no message, so its quota
     * goes back.
     */
    public void sent(HostReply reply) {
        finish();
        try {
            if (reply.code() == 0 || reply.stage() == SmtpStage.CONNECT) {
                ip.giveBack(dayItem, hourItem);
            }
            ip.recordAttempt(provider, shareGroup, reply);
        } finally {
            slots.giveBack(channel);
        }
    }

    /** Nothing was sent: the quota goes back, the connection slot is freed. */
    public void cancel() {
        finish();
        ip.giveBack(dayItem, hourItem);
        slots.giveBack(channel);
    }

    private void finish() {
        if (done) {
            throw new IllegalStateException("slot of " + ip.ip() + " already finished");
        }
        done = true;
    }
}
