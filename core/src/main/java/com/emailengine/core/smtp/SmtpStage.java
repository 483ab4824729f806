package com.emailengine.core.smtp;

/** Where in the SMTP dialogue a reply came: it tells whose problem a refusal is. */
public enum SmtpStage {
    /** No server reply: local decisions (no MX, unusable address), or nothing answered. */
    NONE,
    /** The greeting, EHLO or STARTTLS: a refusal here is about the sending IP, not the recipient. */
    CONNECT,
    /** MAIL FROM: a refusal here is about the sender (IP reputation, return-path domain). */
    SENDER,
    /** RCPT TO: a refusal here is about the recipient. */
    RECIPIENT,
    /** The end of DATA: about this message. */
    DATA
}
