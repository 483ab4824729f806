package com.emailengine.core.delivery;

/** Hands rendered messages to the sender fleet. Implementations are thread-safe. */
public interface OutboundQueue {

    /** Queues the message on its tenant's outbound queue; returns once it is durably queued. */
    void enqueue(OutboundMessage message);
}
