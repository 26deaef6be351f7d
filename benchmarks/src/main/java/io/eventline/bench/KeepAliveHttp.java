package io.eventline.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One persistent HTTP/1.1 connection issuing GETs one after another, as a load generator's client
 * does. Far lighter than java.net.http.HttpClient, whose asynchronous machinery, sharing the same
 * two cores, would otherwise be measured as much as the server. Answers must carry Content-Length
 * (the services' do); the connection is reopened when the server closes it.
 */
final class KeepAliveHttp implements AutoCloseable {

    /** A status and one header of interest (null when absent). */
    record Answer(int status, String servedBy) {}

    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    KeepAliveHttp(int port) {
        this.port = port;
    }

    Answer get(String path) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }
        try {
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private Answer read() throws IOException {
        String statusLine = line();
        String[] parts = statusLine.split(" ");
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long length = 0;
        boolean closing = false;
        String servedBy = null;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "connection" -> closing = value.equalsIgnoreCase("close");
                case "eventline-served-by" -> servedBy = value;
                case "transfer-encoding" -> throw new IOException("chunked answers are not read here");
                default -> { }
            }
        }
        in.skipNBytes(length);
        if (closing) {
            close();
        }
        return new Answer(status, servedBy);
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c == -1) {
                throw new IOException("connection closed mid-answer");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
