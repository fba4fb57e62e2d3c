package dev.ebpm.registry.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 by hand over a socket, for what client libraries will not do: send a body slower than they
 * would, or shorter than its Content-Length.
 */
public final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final BufferedReader in;

    public RawHttp(URL base, int readTimeoutMillis) throws IOException {
        socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(readTimeoutMillis);
        out = socket.getOutputStream();
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
    }

    /** Sends the request line and headers (Host and Connection: close are added). */
    public void head(String method, String path, Map<String, String> headers) throws IOException {
        StringBuilder b = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
            + "Connection: close\r\n");
        headers.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
        out.write(b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Whether the server has started answering (without waiting). */
    public boolean answered() throws IOException {
        return socket.getInputStream().available() > 0 || in.ready();
    }

    /** The status line, headers (lower-case names) and body of the answer. */
    public record Answer(int status, Map<String, String> headers, String body) {
    }

    public Answer answer() throws IOException {
        String status = in.readLine();
        if (status == null) {
            throw new IOException("the server closed the connection without an answer");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String line;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        StringBuilder body = new StringBuilder();
        int length = Integer.parseInt(headers.getOrDefault("content-length", "-1"));
        for (int i = 0; length < 0 ? (line = in.readLine()) != null : i < length; i++) {
            if (length < 0) {
                body.append(line).append('\n');
            } else {
                body.append((char) in.read());
            }
        }
        return new Answer(Integer.parseInt(status.split(" ")[1]), headers, body.toString());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
