package com.emailengine.emulators.internet;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One message a sink accepted, as the provider saw it.
 *
 * @param id the queue id the sink gave in its 250 reply and in the Received header
 * @param sinkName the sink that took it, e.g. {@code gmail}
 * @param clientAddress the client's source address as seen on the socket (the sending IP)
 * @param heloName the name the client gave in EHLO or HELO
 * @param mailFrom the reverse path, empty for the null sender
 * @param recipients the accepted recipients, in RCPT order
 * @param mailParameters the MAIL FROM parameters, keys upper case ({@code SIZE}, {@code BODY}, {@code SMTPUTF8})
 * @param content the message bytes exactly as received, after dot-unstuffing, without the Received header
 * @param emlFile the {@code .eml} file, when the sink keeps a mail folder
 * @param receivedAt when the end of data arrived
 */
public record ReceivedMail(String id, String sinkName, InetAddress clientAddress, String heloName,
                           String mailFrom, List<String> recipients, Map<String, String> mailParameters,
                           byte[] content, Optional<Path> emlFile, Instant receivedAt) {

    public ReceivedMail {
        recipients = List.copyOf(recipients);
        mailParameters = Map.copyOf(mailParameters);
        content = content.clone();
    }

    /** A copy: the record stays immutable. */
    @Override
    public byte[] content() {
        return content.clone();
    }

    public String contentAsString() {
        return new String(content, StandardCharsets.UTF_8);
    }

    public int size() {
        return content.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReceivedMail that
                && id.equals(that.id) && sinkName.equals(that.sinkName) && clientAddress.equals(that.clientAddress)
                && heloName.equals(that.heloName) && mailFrom.equals(that.mailFrom)
                && recipients.equals(that.recipients) && mailParameters.equals(that.mailParameters)
                && Arrays.equals(content, that.content) && emlFile.equals(that.emlFile)
                && receivedAt.equals(that.receivedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, sinkName, clientAddress, heloName, mailFrom, recipients, mailParameters,
                Arrays.hashCode(content), emlFile, receivedAt);
    }

    @Override
    public String toString() {
        return "ReceivedMail[" + id + " at " + sinkName + " from " + clientAddress.getHostAddress() + " (" + heloName
                + ") <" + mailFrom + "> -> " + recipients + ", " + content.length + " bytes"
                + emlFile.map(p -> ", " + p).orElse("") + "]";
    }
}
