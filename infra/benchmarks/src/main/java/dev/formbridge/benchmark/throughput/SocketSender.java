package dev.formbridge.benchmark.throughput;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One sender's keep-alive HTTP/1.1 connection, written and read by hand, as load generators such as wrk do: the
 * senders share the machine's two cores with the system they measure, and every microsecond of CPU a sender's client
 * spends is one the local runtime does not get ({@code HttpURLConnection}'s share: docs/benchmarks.md, Decisions,
 * fifth pass). One request at a time; it reads what the local ingest server answers (a status line, headers, a
 * {@code Content-Length} body) and refuses anything else. A failed call closes the connection; the next one reconnects.
 */
final class SocketSender implements Closeable {
    private final String host;
    private final int port;
    private final String path;
    private final byte[] line = new byte[8192];
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    SocketSender(URI url) {
        if (url.getPort() < 0 || url.getHost() == null) {
            throw new IllegalArgumentException("the sender needs a host and a port: " + url);
        }
        this.host = url.getHost();
        this.port = url.getPort();
        this.path = url.getRawPath();
    }

    /** POSTs {@code body} with {@code headers} (besides Host and Content-Length); returns the status code. */
    int post(Map<String, String> headers, byte[] body) throws IOException {
        try {
            if (socket == null) {
                connect();
            }
            StringBuilder head = new StringBuilder(512)
                    .append("POST ")
                    .append(path)
                    .append(" HTTP/1.1\r\nHost: ")
                    .append(host)
                    .append(':')
                    .append(port)
                    .append("\r\nContent-Length: ")
                    .append(body.length)
                    .append("\r\n");
            headers.forEach((name, value) ->
                    head.append(name).append(": ").append(value).append("\r\n"));
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return readResponse();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private int readResponse() throws IOException {
        String status = readLine();
        if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
            throw new IOException("not an HTTP/1.1 status line: " + status);
        }
        int code = Integer.parseInt(status, 9, 12, 10);
        long length = -1;
        boolean closing = false;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, Math.max(colon, 0)).strip();
            String value = header.substring(colon + 1).strip();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
                if (length < 0) {
                    throw new IOException("negative Content-Length: " + value);
                }
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                throw new IOException("unexpected Transfer-Encoding: " + value);
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                closing = true;
            }
        }
        if (length < 0 && !(code / 100 == 1 || code == 204 || code == 304)) {
            // a body that runs until the connection closes: the next response could not be found
            throw new IOException("a " + code + " response without Content-Length");
        }
        in.skipNBytes(Math.max(length, 0));
        if (closing) {
            close();
        }
        return code;
    }

    /** One header line without its CRLF, as ISO-8859-1. */
    private String readLine() throws IOException {
        int n = 0;
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed inside a response");
            }
            if (n == line.length) {
                throw new IOException("response header line over " + line.length + " bytes");
            }
            line[n++] = (byte) b;
        }
        return new String(line, 0, n > 0 && line[n - 1] == '\r' ? n - 1 : n, StandardCharsets.ISO_8859_1);
    }

    private void connect() throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        out = new BufferedOutputStream(socket.getOutputStream(), 8192);
        in = new BufferedInputStream(socket.getInputStream(), 8192);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a connection that failed: nothing left to do
            }
            socket = null;
        }
    }
}
