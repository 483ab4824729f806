package com.emailengine.fleet.queue;

import com.emailengine.core.delivery.OutboundMessage;
import com.emailengine.core.json.Json;
import com.emailengine.fleet.delivery.Disposition;
import com.emailengine.fleet.delivery.OutboundDelivery;
import com.emailengine.platform.runtime.Log;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Long-polls one outbound queue and processes each message on a worker, never holding more messages
 * than the node's in-flight window allows (the window is shared fairly by all queues of the node, so a
 * tenant's backlog cannot take the slots of the other). While the node holds no IP of the queue's tenant
 * it does not poll. A message whose processing throws is left on the queue; SQS shows it again after its
 * visibility timeout.
 */
public final class OutboundQueueConsumer implements Runnable {

    /** SQS's longest visibility timeout: 12 hours. */
    private static final long MAX_VISIBILITY_SECONDS = 12 * 3600;
    /** SQS returns at most 10 messages per ReceiveMessage call. */
    private static final int MAX_RECEIVE = 10;

    private final SqsClient sqs;
    private final String queueUrl;
    private final OutboundDelivery delivery;
    private final FairWindow window;
    private final String queueName;
    private final BooleanSupplier ready;
    private final ExecutorService workers;
    private final int waitSeconds;
    private final int visibilitySeconds;
    private volatile boolean running = true;

    public OutboundQueueConsumer(SqsClient sqs, String queueName, String queueUrl, OutboundDelivery delivery, FairWindow window,
                          BooleanSupplier ready, ExecutorService workers, int waitSeconds, Duration visibility) {
        this.sqs = sqs;
        this.queueName = queueName;
        this.queueUrl = queueUrl;
        this.delivery = delivery;
        this.window = window;
        this.ready = ready;
        this.workers = workers;
        this.waitSeconds = waitSeconds;
        this.visibilitySeconds = (int) Math.max(1, Math.min(MAX_VISIBILITY_SECONDS, visibility.toSeconds()));
    }

    public void stop() {
        running = false;
    }

    @Override
    public void run() {
        while (running) {
            if (!ready.getAsBoolean()) {
                // No IP of this tenant is usable on this node now: leave its messages to the nodes that have one.
                pause();
                continue;
            }
            int slots;
            try {
                slots = window.acquire(queueName, MAX_RECEIVE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!running) {
                // Stopped while waiting for a free slot: take no more messages.
                window.release(queueName, slots);
                return;
            }
            int wanted = slots;
            List<Message> messages;
            try {
                messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(wanted)
                        .waitTimeSeconds(waitSeconds).visibilityTimeout(visibilitySeconds)).messages();
            } catch (RuntimeException e) {
                window.release(queueName, wanted);
                if (running) {
                    Log.warn("fleet", "receiving from " + queueUrl + " failed, retrying: " + e);
                    pause();
                }
                continue;
            }
            window.release(queueName, wanted - messages.size());
            for (Message message : messages) {
                dispatch(message);
            }
        }
    }

    /** Each received message holds one slot of the window until its worker is done with it. */
    private void dispatch(Message message) {
        try {
            workers.submit(() -> {
                try {
                    handle(message);
                } finally {
                    window.release(queueName, 1);
                }
            });
        } catch (RejectedExecutionException e) {
            window.release(queueName, 1);
            giveBack(message);
        }
    }

    /** Makes a message this node will not process visible again at once, for another node to take. */
    private void giveBack(Message message) {
        try {
            sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
        } catch (RuntimeException e) {
            Log.warn("fleet", "message " + message.messageId() + " stays hidden until its visibility timeout: " + e);
        }
    }

    private void handle(Message message) {
        try {
            OutboundMessage outbound = Json.read(message.body(), OutboundMessage.class);
            Disposition disposition = delivery.process(outbound);
            switch (disposition) {
                case Disposition.Delete delete ->
                        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                case Disposition.RetryAfter retry -> hide(message, retry.delay());
                case Disposition.HeldElsewhere held -> hide(message, held.delay());
            }
        } catch (RuntimeException e) {
            Log.warn("fleet", "message " + message.messageId() + " failed on this attempt and stays queued: " + e);
        }
    }

    private void hide(Message message, Duration delay) {
        long seconds = Math.max(1, Math.min(MAX_VISIBILITY_SECONDS, delay.toSeconds()));
        sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle())
                .visibilityTimeout((int) seconds));
    }

    private static void pause() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
