package com.emailengine.core.delivery;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An outbound queue that keeps every message it was given, in order, repeats included. Thread-safe. */
public final class RecordingOutboundQueue implements OutboundQueue {

    private final List<OutboundMessage> messages = new CopyOnWriteArrayList<>();

    @Override
    public void enqueue(OutboundMessage message) {
        messages.add(message);
    }

    public List<OutboundMessage> messages() {
        return List.copyOf(messages);
    }
}
