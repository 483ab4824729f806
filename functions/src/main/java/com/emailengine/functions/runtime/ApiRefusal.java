package com.emailengine.functions.runtime;

import com.emailengine.core.api.Rejection;
import java.util.Map;

/**
 * A request refused with a reason (and, for some, more machine-readable members of the error, such as
 * {@code problems}), carried up to the one place in a handler that answers.
 */
public final class ApiRefusal extends RuntimeException {

    private final transient Rejection rejection;
    private final transient Map<String, Object> more;

    public ApiRefusal(Rejection rejection) {
        this(rejection, Map.of());
    }

    public ApiRefusal(Rejection rejection, Map<String, Object> more) {
        super(rejection.message(), null, false, false);
        this.rejection = rejection;
        this.more = Map.copyOf(more);
    }

    public Rejection rejection() {
        return rejection;
    }

    public Map<String, Object> more() {
        return more;
    }
}
