package com.emailengine.core.smtp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMTP reply: a three-digit code and its text, which by convention starts with an enhanced status code
 * (RFC 3463), e.g. {@code 550 5.1.1 user unknown}; text with line breaks is a multi-line reply. Code 0 stands for no
 * reply from a server: a decision made here (no MX, an unusable address) or a connection that gave none, the text
 * saying what happened. The same record serves the servers we run (the local sinks, the bounce listener) and the
 * replies the fleet receives.
 */
public record SmtpReply(int code, String text) {

    private static final Pattern ENHANCED = Pattern.compile("(?:^|\\s)([245])\\.(\\d{1,3})\\.(\\d{1,3})(?:\\s|$)");

    public SmtpReply {
        if (code != 0 && (code < 200 || code > 599)) {
            throw new IllegalArgumentException("SMTP reply codes run from 200 to 599 (0: no reply): " + code);
        }
        if (text == null || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("reply text must be present and use \\n for line breaks: " + text);
        }
    }

    public static SmtpReply of(int code, String text) {
        return new SmtpReply(code, text);
    }

    /** No server reply: what happened instead, e.g. {@code local: no mail host}. */
    public static SmtpReply none(String what) {
        return new SmtpReply(0, what);
    }

    /** Reads the usual one-line form, {@code "421 4.7.0 try later"}. */
    public static SmtpReply parse(String reply) {
        String trimmed = reply.strip();
        if (trimmed.length() < 3 || !trimmed.substring(0, 3).chars().allMatch(Character::isDigit)
                || (trimmed.length() > 3 && trimmed.charAt(3) != ' ' && trimmed.charAt(3) != '-')) {
            throw new IllegalArgumentException("not an SMTP reply: '" + reply + "'");
        }
        return new SmtpReply(Integer.parseInt(trimmed.substring(0, 3)), trimmed.length() > 4 ? trimmed.substring(4) : "");
    }

    /** Reads a reply as a delivery event records it: {@code "550 5.1.1 ..."}, or a local text without a code. */
    public static SmtpReply fromRecord(String recorded) {
        if (recorded == null) {
            return none("");
        }
        try {
            return parse(recorded);
        } catch (IllegalArgumentException e) {
            return none(recorded.replace("\r", ""));
        }
    }

    /** 2xx: done. */
    public boolean accepted() {
        return code >= 200 && code < 300;
    }

    /** 2xx and 3xx: the command went through. */
    public boolean isPositive() {
        return code >= 200 && code < 400;
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

    /** The enhanced status code (RFC 3463) the text starts with or holds, e.g. {@code 5.1.1}, or empty. */
    public String enhanced() {
        Matcher m = ENHANCED.matcher(text);
        return m.find() ? m.group(1) + "." + m.group(2) + "." + m.group(3) : "";
    }

    /** The reply as it goes on the wire, every line ending in CRLF. */
    public byte[] wire() {
        if (code == 0) {
            throw new IllegalStateException("no reply to write: " + text);
        }
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

    /** {@code 550 5.1.1 user unknown}, or the text alone when no server replied. */
    @Override
    public String toString() {
        return code == 0 ? text : code + " " + text;
    }
}
