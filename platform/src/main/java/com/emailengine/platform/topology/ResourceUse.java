package com.emailengine.platform.topology;

/**
 * One resource of the topology that a function touches, and how. The cloud grants a function exactly its
 * uses and hands it the names and URLs of exactly these resources; consuming a queue is not a use but a
 * {@link QueueTrigger}, whose event source mapping carries its own permissions.
 *
 * @param name the logical name of the queue, table or bucket
 */
public record ResourceUse(Kind kind, String name, Access access) {

    public enum Kind { QUEUE, TABLE, BUCKET }

    /** READ: get and query; WRITE: put and update (conditional writes included); queues are only ever written. */
    public enum Access { READ, WRITE, READ_WRITE;

        public boolean reads() {
            return this != WRITE;
        }

        public boolean writes() {
            return this != READ;
        }
    }

    public ResourceUse {
        if (kind == Kind.QUEUE && access != Access.WRITE) {
            throw new IllegalArgumentException("queue " + name + ": a function only sends to a queue; consuming is a QueueTrigger");
        }
    }

    public static ResourceUse sendsTo(String queue) {
        return new ResourceUse(Kind.QUEUE, queue, Access.WRITE);
    }

    public static ResourceUse reads(String table) {
        return new ResourceUse(Kind.TABLE, table, Access.READ);
    }

    public static ResourceUse writes(String table) {
        return new ResourceUse(Kind.TABLE, table, Access.WRITE);
    }

    public static ResourceUse readsAndWrites(String table) {
        return new ResourceUse(Kind.TABLE, table, Access.READ_WRITE);
    }

    public static ResourceUse readsObjectsOf(String bucket) {
        return new ResourceUse(Kind.BUCKET, bucket, Access.READ);
    }

    public static ResourceUse readsAndWritesObjectsOf(String bucket) {
        return new ResourceUse(Kind.BUCKET, bucket, Access.READ_WRITE);
    }
}
