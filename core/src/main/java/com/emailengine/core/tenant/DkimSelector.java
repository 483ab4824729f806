package com.emailengine.core.tenant;

import com.emailengine.core.dkim.DkimAlgorithm;
import com.emailengine.core.dkim.DkimKey;
import java.util.List;
import java.util.Optional;

/** A DKIM selector a tenant signs with; the key itself lives in a key store, never in configuration. */
public record DkimSelector(String selector, String algorithm) {

    /** This selector's key for {@code domain} among {@code keys}: the same domain, selector and algorithm. */
    public Optional<DkimKey> keyIn(List<DkimKey> keys, String domain) {
        Optional<DkimAlgorithm> wanted = DkimAlgorithm.fromTag(algorithm);
        return keys.stream().filter(k -> k.domain().equals(domain) && k.selector().equals(selector)
                && wanted.isPresent() && k.algorithm() == wanted.get()).findFirst();
    }
}
