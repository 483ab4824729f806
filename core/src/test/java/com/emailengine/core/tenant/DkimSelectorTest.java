package com.emailengine.core.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.dkim.DkimAlgorithm;
import com.emailengine.core.dkim.DkimKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class DkimSelectorTest {

    private static final DkimKey RSA = DkimKey.generate("sos-expat.test", "s1", DkimAlgorithm.RSA_SHA256);
    private static final DkimKey ED25519 = DkimKey.generate("sos-expat.test", "s1", DkimAlgorithm.ED25519_SHA256);
    private static final DkimKey OTHER_DOMAIN = DkimKey.generate("ulixai.test", "s1", DkimAlgorithm.RSA_SHA256);

    @Test
    void findsTheKeyOfItsDomainSelectorAndAlgorithmOnly() {
        List<DkimKey> keys = List.of(OTHER_DOMAIN, ED25519, RSA);

        assertThat(new DkimSelector("s1", "rsa-sha256").keyIn(keys, "sos-expat.test")).contains(RSA);
        assertThat(new DkimSelector("s1", "ed25519-sha256").keyIn(keys, "sos-expat.test")).contains(ED25519);
        assertThat(new DkimSelector("s2", "rsa-sha256").keyIn(keys, "sos-expat.test")).isEmpty();
        assertThat(new DkimSelector("s1", "rsa-sha1").keyIn(keys, "sos-expat.test")).as("an algorithm not signed with").isEmpty();
    }
}
