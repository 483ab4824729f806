package com.emailengine.fleet.bounces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reports shaped like RFC 5965's examples and the feedback loops' (Microsoft JMRP, Yahoo CFL). */
class FeedbackReportTest {

    private static byte[] report(String feedbackType, String sourceIpLine) {
        return String.join("\r\n",
                "From: <staff@hotmail.test>",
                "Content-Type: multipart/report; report-type=feedback-report; boundary=\"part\"",
                "",
                "--part",
                "Content-Type: text/plain",
                "",
                "This is an email abuse report.",
                "--part",
                "Content-Type: message/feedback-report",
                "",
                "feedback-type: " + feedbackType,
                "User-Agent: SomeGenerator/1.0",
                "Version: 1",
                sourceIpLine,
                "--part--",
                "").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void anAbuseReportIsAComplaintAboutTheSourceIpItNames() {
        FeedbackReport report = FeedbackReport.read(report("abuse", "Source-IP: 192.0.2.1")).orElseThrow();

        assertTrue(report.complaint());
        assertEquals(Optional.of("192.0.2.1"), report.sourceIp());
    }

    @Test
    void fraudIsAComplaintAndAnIpv6SourceIsRead() {
        FeedbackReport report = FeedbackReport.read(report("Fraud", "Source-IP: 2001:db8::25")).orElseThrow();

        assertTrue(report.complaint());
        assertEquals(Optional.of("2001:db8::25"), report.sourceIp());
    }

    @Test
    void dmarcFailureReportsAndNotSpamAreNotComplaints() {
        assertFalse(FeedbackReport.read(report("auth-failure", "Source-IP: 192.0.2.1")).orElseThrow().complaint());
        assertFalse(FeedbackReport.read(report("not-spam", "Source-IP: 192.0.2.1")).orElseThrow().complaint());
        assertFalse(FeedbackReport.read(report("virus", "Source-IP: 192.0.2.1")).orElseThrow().complaint());
    }

    @Test
    void aReportWithoutSourceIpNamesNoAddress() {
        assertEquals(Optional.empty(), FeedbackReport.read(report("abuse", "Reported-Domain: example.test")).orElseThrow().sourceIp());
    }

    @Test
    void theReportedMessagesOwnMessageIdIsReadNotTheReports() {
        byte[] report = String.join("\r\n",
                "Message-ID: <report-1@hotmail.test>",
                "Content-Type: multipart/report; report-type=feedback-report; boundary=\"part\"",
                "",
                "--part",
                "Content-Type: message/feedback-report",
                "",
                "Feedback-Type: abuse",
                "Version: 1",
                "--part",
                "Content-Type: text/rfc822-headers",
                "",
                "From: news@sos-expat.test",
                "Message-ID: <5fbf08d7c9e8e22a@sos-expat.test>",
                "--part--",
                "").getBytes(StandardCharsets.US_ASCII);

        assertEquals(Optional.of("5fbf08d7c9e8e22a@sos-expat.test"), FeedbackReport.read(report).orElseThrow().originalMessageId());
        assertEquals(Optional.empty(), FeedbackReport.read(report("abuse", "Source-IP: 192.0.2.1")).orElseThrow().originalMessageId());
    }

    @Test
    void aMessageWithoutAFeedbackReportIsNone() {
        assertTrue(FeedbackReport.read("Subject: out of office\r\n\r\nback monday\r\n".getBytes(StandardCharsets.US_ASCII)).isEmpty());
    }
}
