package com.emailengine.emulators.cloud;

import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.PartialFunction;
import scala.collection.immutable.List;
import scala.runtime.BoxedUnit;

/**
 * ElasticMQ's SQL persistence, made to survive a race of ElasticMQ's own: a queue actor hands the persistence actor the
 * message it keeps mutating (a message sent to a queue with a waiting long poll is delivered at once, its receipt
 * appended to the same buffer the persistence actor is serializing), so the write can meet a half-grown buffer and
 * fail ({@code IllegalArgumentException: requirement failed} in {@code DBMessage.from}). ElasticMQ's supervisor then
 * restarts the actor, which forgets every queue it writes for: from then on nothing more reaches the database, silently,
 * and a kill loses every message sent since (seen in the chaos run: 6,203 of 10,000 contacts). Here the write is tried
 * again once the queue actor is done with the message (it is, within microseconds), and should it still fail the actor
 * logs it and goes on, keeping its queues, so one message at worst goes unwritten, never all that follow.
 */
public final class RetryingSqlPersistence extends SqlQueuePersistenceActor {

    private static final Logger LOG = LoggerFactory.getLogger(RetryingSqlPersistence.class);
    private static final int ATTEMPTS = 50;

    public RetryingSqlPersistence(SqlQueuePersistenceConfig config, List<?> baseQueues) {
        super(config, castQueues(baseQueues));
    }

    @SuppressWarnings("unchecked")
    private static List<org.elasticmq.persistence.CreateQueueMetadata> castQueues(List<?> queues) {
        return (List<org.elasticmq.persistence.CreateQueueMetadata>) queues;
    }

    @Override
    public void aroundReceive(PartialFunction<Object, BoxedUnit> receive, Object message) {
        boolean messageWrite = message instanceof QueueEvent.MessageAdded || message instanceof QueueEvent.MessageUpdated;
        for (int attempt = 1; ; attempt++) {
            try {
                super.aroundReceive(receive, message);
                return;
            } catch (RuntimeException e) {
                if (!messageWrite) {
                    throw e;
                }
                if (attempt == ATTEMPTS) {
                    LOG.error("SQS (ElasticMQ): a message was not written to the data folder after {} attempts ({}); the"
                            + " others still are", ATTEMPTS, e.toString());
                    return;
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
