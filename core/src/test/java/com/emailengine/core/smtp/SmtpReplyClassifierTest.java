package com.emailengine.core.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailengine.core.delivery.DeliveryOutcome;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** One classification of SMTP replies, for the fleet (outcome, backoff, pause) and for delivery feedback (suppression). */
class SmtpReplyClassifierTest {

    @ParameterizedTest(name = "{0} at {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "250 2.0.0 queued as A1                        | DATA      | ACCEPTED",
            "421 4.7.0 too many connections, closing       | CONNECT   | THROTTLED",
            "421 closing                                   | RECIPIENT | THROTTLED",
            "450 4.7.28 unusual rate of unsolicited mail   | RECIPIENT | THROTTLED",
            "452 4.2.2 mailbox full                        | RECIPIENT | TEMPORARY",
            "451 4.3.0 try again later                     | DATA      | TEMPORARY",
            "554 5.7.1 client host blocked                 | CONNECT   | SENDER_REFUSED",
            "550 5.7.1 sender IP has a poor reputation     | SENDER    | SENDER_REFUSED",
            "550 5.1.1 user unknown                        | RECIPIENT | BAD_ADDRESS",
            "556 5.1.10 domain does not accept mail        | RECIPIENT | BAD_ADDRESS",
            "550 5.7.1 refused by policy                   | RECIPIENT | REFUSED",
            "552 5.3.4 message too big                     | DATA      | REFUSED",
            "550 15.1.1 not an enhanced status             | RECIPIENT | REFUSED"})
    void classifiesByCodeEnhancedStatusAndStage(String line, SmtpStage stage, ReplyClass expected) {
        assertThat(SmtpReplyClassifier.classify(SmtpReply.parse(line), stage)).isEqualTo(expected);
    }

    @Test
    void aRefusalOfTheSenderDefersAndABadAddressBounces() {
        assertThat(ReplyClass.SENDER_REFUSED.outcome()).isEqualTo(DeliveryOutcome.DEFERRED);
        assertThat(ReplyClass.THROTTLED.outcome()).isEqualTo(DeliveryOutcome.DEFERRED);
        assertThat(ReplyClass.BAD_ADDRESS.outcome()).isEqualTo(DeliveryOutcome.BOUNCED);
        assertThat(ReplyClass.REFUSED.outcome()).isEqualTo(DeliveryOutcome.BOUNCED);
        assertThat(ReplyClass.ACCEPTED.outcome()).isEqualTo(DeliveryOutcome.DELIVERED);
    }

    @Test
    void noReplyFromAServerIsTemporaryEvenWhenItsTextQuotesAStatus() {
        SmtpReply dns = SmtpReply.none("451 4.4.3 DNS lookup of example.test failed (timeout)");

        assertThat(SmtpReplyClassifier.classify(dns, SmtpStage.NONE)).isEqualTo(ReplyClass.TEMPORARY);
        assertThat(dns.enhanced()).isEqualTo("4.4.3");
        assertThat(dns).hasToString("451 4.4.3 DNS lookup of example.test failed (timeout)");
    }

    @Test
    void aRecordedReplyReadsBackAsTheReplyItWas() {
        SmtpReply recorded = SmtpReply.fromRecord(SmtpReply.parse("550 5.1.1 <zoe@gmail.test>: user unknown").toString());

        assertThat(recorded.code()).isEqualTo(550);
        assertThat(recorded.enhanced()).isEqualTo("5.1.1");
        assertThat(SmtpReply.fromRecord("local: gave up after 72 h").code()).isZero();
    }

    @Test
    void aMultiLineReplyGoesOnTheWireWithContinuationMarks() {
        assertThat(new String(SmtpReply.of(250, "mx.test\nPIPELINING\nSIZE 100").wire(), StandardCharsets.US_ASCII))
                .isEqualTo("250-mx.test\r\n250-PIPELINING\r\n250 SIZE 100\r\n");
        assertThatThrownBy(() -> SmtpReply.none("nothing").wire()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SmtpReply.of(199, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
