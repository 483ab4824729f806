package com.emailengine.emulators.internet;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One SMTP reply: a three-digit code and its text, which by convention starts with an enhanced
 * status code (RFC 3463), e.g. {@code 550 5.1.1 user unknown}. Text with line breaks becomes a
 * multi-line reply.
 */
public record SmtpReply(int code, String text) {

    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("SMTP reply codes run from 200 to 599: " + code);
        }
        if (text == null || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("reply text must be present and use \\n for line breaks: " + text);
        }
    }

    public static SmtpReply of(int code, String text) {
        return new SmtpReply(code, text);
    }

    /** Reads the usual one-line form, {@code "421 4.7.0 try later"}. */
    public static SmtpReply parse(String reply) {
        String trimmed = reply.strip();
        if (trimmed.length() < 3 || !trimmed.substring(0, 3).chars().allMatch(Character::isDigit)
                || (trimmed.length() > 3 && trimmed.charAt(3) != ' ')) {
            throw new IllegalArgumentException("not an SMTP reply: '" + reply + "'");
        }
        return new SmtpReply(Integer.parseInt(trimmed.substring(0, 3)), trimmed.length() > 4 ? trimmed.substring(4) : "");
    }

    /** 2xx and 3xx: the command went through. */
    public boolean isPositive() {
        return code < 400;
    }

    /** 4xx: the client should try again later. */
    public boolean isTransientFailure() {
        return code >= 400 && code < 500;
    }

    /** 5xx: the client must not try again as it is. */
    public boolean isPermanentFailure() {
        return code >= 500;
    }

    /** 421 means the server closes the transmission channel after sending it (RFC 5321 3.8). */
    public boolean closesConnection() {
        return code == 421;
    }

    /** The reply as it goes on the wire, every line ending in CRLF. */
    byte[] wire() {
        List<String> lines = text.lines().toList();
        if (lines.isEmpty()) {
            lines = List.of("");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            out.append(code).append(i < lines.size() - 1 ? '-' : ' ').append(lines.get(i)).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return code + " " + text;
    }
}
