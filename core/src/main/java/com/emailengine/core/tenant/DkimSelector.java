package com.emailengine.core.tenant;

/** A DKIM selector a tenant signs with; the key itself lives in a key store, never in configuration. */
public record DkimSelector(String selector, String algorithm) {
}
