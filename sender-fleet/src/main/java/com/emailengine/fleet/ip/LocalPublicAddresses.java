package com.emailengine.fleet.ip;

import java.util.Optional;

/** The local cloud's pool addresses are the ones the receivers (the local internet's sinks) see. */
public final class LocalPublicAddresses implements PublicAddresses {

    @Override
    public Optional<String> publicOf(String poolAddress) {
        return Optional.of(poolAddress);
    }
}
