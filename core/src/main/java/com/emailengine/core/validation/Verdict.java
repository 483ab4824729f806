package com.emailengine.core.validation;

import java.util.Locale;

/**
 * What validation concludes about an address, from best to worst: {@code valid} (mail it), {@code risky} (it may
 * exist, but mailing it could hurt: held back unless the tenant's policy accepts it), {@code unknown} (DNS could not
 * answer now; ask again later, never treat as invalid), {@code invalid} (never mail it).
 */
public enum Verdict {
    VALID, RISKY, UNKNOWN, INVALID;

    /** The worse of the two. */
    public Verdict worse(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
