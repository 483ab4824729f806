package com.emailengine.core.delivery;


/** Where delivery outcomes go (the events queue). Thread-safe; returns once the event is durably stored. */
@FunctionalInterface
public interface DeliveryEventSink {

    void publish(DeliveryEvent event);

    /** Publishes an event already serialized as JSON (one recorded in the ledger). */
    default void publishJson(String json) {
        publish(com.emailengine.core.json.Json.read(json, DeliveryEvent.class));
    }
}
