package com.emailengine.emulators.cloud;

/**
 * An emulator could not start. The message names the problem and the fix in one sentence or two, so
 * that a command line can print it as it is, without a stack trace.
 */
public final class EmulatorStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EmulatorStartException(String message) {
        super(message);
    }

    public EmulatorStartException(String message, Throwable cause) {
        super(message, cause);
    }

    static EmulatorStartException portInUse(String emulator, String host, int port, Throwable cause) {
        return new EmulatorStartException(emulator + " cannot listen on " + host + ":" + port
                + ": the port is already in use. Stop what holds it (`ss -ltnp 'sport = :" + port + "'` shows it)"
                + " or choose another port (0 picks a free one).", cause);
    }
}
