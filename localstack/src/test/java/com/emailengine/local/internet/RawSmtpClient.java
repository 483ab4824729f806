package com.emailengine.local.internet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A bare socket speaking SMTP by hand, for what a library client would hide (pipelining, odd bytes). */
final class RawSmtpClient implements AutoCloseable {

    /** One reply: its code and every line's text after the code and separator. */
    record Reply(int code, List<String> lines) {
        String text() {
            return String.join("\n", lines);
        }

        @Override
        public String toString() {
            return code + " " + text();
        }
    }

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    RawSmtpClient(InetSocketAddress server, InetAddress source) throws IOException {
        socket = new Socket();
        socket.bind(new InetSocketAddress(source, 0));
        socket.connect(server, 5_000);
        socket.setSoTimeout(10_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    /** Writes the text as one socket write, exactly as given (line ends included). */
    void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next reply, or null when the server closed the connection. */
    Reply read() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                return lines.isEmpty() ? null : new Reply(-1, lines);
            }
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() < 4 || line.charAt(3) != '-') {
                return new Reply(Integer.parseInt(line.substring(0, 3)), lines);
            }
        }
    }

    /** Sends one command and returns its reply. */
    Reply command(String command) throws IOException {
        write(command + "\r\n");
        return read();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
