package com.emailengine.fleet.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailengine.core.dkim.DkimAlgorithm;
import com.emailengine.core.dkim.DkimKey;
import com.emailengine.core.dkim.DkimSignatureEngine;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FastEd25519Test {

    private final FastEd25519 fast = new FastEd25519();

    @Test
    void signsEd25519ExactlyAsTheJdkDoes() {
        DkimKey key = DkimKey.generate("example.test", "e1", DkimAlgorithm.ED25519_SHA256);
        byte[] data = "from:Joe <joe@example.test>\r\nsubject:hi\r\ndkim-signature:v=1; a=ed25519-sha256; b=".getBytes(StandardCharsets.US_ASCII);

        byte[] ours = fast.sign(key, data, 5, data.length - 5);

        assertThat(ours).isEqualTo(DkimSignatureEngine.JCA.sign(key, data, 5, data.length - 5));
        assertThat(key.algorithm().verify(key.publicKey(), data, 5, data.length - 5, ours)).isTrue();
    }

    @Test
    void leavesRsaToTheJdk() {
        DkimKey key = DkimKey.generate("example.test", "r1", DkimAlgorithm.RSA_SHA256);
        byte[] data = "header hash input".getBytes(StandardCharsets.US_ASCII);

        assertThat(fast.sign(key, data, 0, data.length)).isEqualTo(DkimSignatureEngine.JCA.sign(key, data, 0, data.length));
    }
}
