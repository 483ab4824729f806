package com.emailengine.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReturnPathTest {

    private static final String ID = TestMessageIds.IDS.forStep("sos-expat", "welcome", "c0ffee", 1);

    @Test
    void theReturnPathNamesTheMessageAndReadsBack() {
        String address = ReturnPath.of(ID, "bounces.sos-expat.test");

        assertThat(address).isEqualTo("b+" + ID + "@bounces.sos-expat.test");
        assertThat(ReturnPath.read(address)).hasValue(new ReturnPath.Bounced(ID, "bounces.sos-expat.test"));
        assertThat(ReturnPath.read(address.toUpperCase())).hasValue(new ReturnPath.Bounced(ID, "bounces.sos-expat.test"));
    }

    @Test
    void aTestSendsReturnPathReadsBackToo() {
        String id = "t" + ID;

        assertThat(ReturnPath.read(ReturnPath.of(id, "bounces.ulixai.test")).map(ReturnPath.Bounced::messageId)).hasValue(id);
    }

    @Test
    void anAddressWeDidNotWriteNamesNoMessage() {
        assertThat(ReturnPath.read("postmaster@bounces.sos-expat.test")).isEmpty();
        assertThat(ReturnPath.read("b+" + ID.substring(2) + "@bounces.sos-expat.test")).isEmpty();
        assertThat(ReturnPath.read("b+" + ID + "@bounces.sos-expat.test>\r\nRCPT TO:<x@y")).isEmpty();
        assertThat(ReturnPath.read(null)).isEmpty();
    }
}
