package com.emailengine.emulators.cloud;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Tells, before and after an emulator tries to listen, whether its port was the problem. */
final class ListeningPort {

    private ListeningPort() {
    }

    /**
     * Fails with a clear message when {@code host:port} is already taken. The emulators' own bind errors
     * arrive wrapped in framework exceptions; checking first gives the common case one plain message.
     * Port 0 is never taken.
     */
    static void requireFree(String emulator, String host, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(host, port));
        } catch (BindException e) {
            throw EmulatorStartException.portInUse(emulator, host, port, e);
        } catch (IOException e) {
            throw new EmulatorStartException(emulator + " cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + ". Use a local address such as 127.0.0.1.", e);
        }
    }

    /** True when a start failure was, somewhere down its causes, a failure to bind the port. */
    static boolean isBindFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && message.contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }
}
