package com.emailengine.fleet.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An SMTP server on 127.0.0.1 that plays one connection by a script, so a test can see exactly what the
 * client writes and when: whether it waits for a reply before the next command is what pipelining is about.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    /** The server's side of the connection, for the script. */
    static final class Peer {
        private final BufferedReader in;
        private final OutputStream out;
        private final Socket socket;

        private Peer(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            this.out = socket.getOutputStream();
        }

        void reply(String... lines) throws IOException {
            StringBuilder text = new StringBuilder();
            for (String line : lines) {
                text.append(line).append("\r\n");
            }
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        String line() throws IOException {
            socket.setSoTimeout(5_000);
            String line = in.readLine();
            if (line == null) {
                throw new IOException("client closed the connection");
            }
            return line;
        }

        /** The next line, or null when the client closed the connection. */
        String lineOrEnd() throws IOException {
            socket.setSoTimeout(5_000);
            return in.readLine();
        }

        /** Whether the client writes anything more within {@code wait} without a reply from us. */
        boolean writesWithin(Duration wait) throws IOException {
            if (in.ready()) {
                return true;
            }
            socket.setSoTimeout((int) wait.toMillis());
            try {
                in.mark(1);
                int c = in.read();
                in.reset();
                return c >= 0;
            } catch (SocketTimeoutException e) {
                return false;
            }
        }

        /** The DATA content up to the terminating dot line, as the client wrote it (dot-stuffed). */
        String content() throws IOException {
            StringBuilder content = new StringBuilder();
            for (String line = line(); !line.equals("."); line = line()) {
                content.append(line).append("\r\n");
            }
            return content.toString();
        }
    }

    interface Script {
        void play(Peer peer) throws Exception;
    }

    private final ServerSocket server;
    private final CompletableFuture<Void> played = new CompletableFuture<>();

    /** @param scripts one per connection, in the order the client opens them */
    ScriptedSmtpServer(Script... scripts) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            try {
                for (Script script : scripts) {
                    try (Socket socket = server.accept()) {
                        script.play(new Peer(socket));
                    }
                }
                played.complete(null);
            } catch (Throwable e) {
                played.completeExceptionally(e);
            }
        }, "scripted-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Waits for the script to end; its failure (an assertion of the server side) fails the test. */
    void awaitScript() throws Exception {
        try {
            played.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw (Exception) e.getCause();
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
