package io.eventline.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One HTTP/1.1 exchange on a plain socket: what a fuzzer needs that HttpClient refuses to send
 * (raw bytes in a path, a lying Content-Length, a broken chunk). The client half-closes after the
 * request, so a server waiting for more body sees end of stream rather than a client that hangs.
 */
public final class RawHttp {

    /** The status of the answer, or NO_ANSWER when the server closed without one, or TIMED_OUT. */
    public static final int NO_ANSWER = -1;
    public static final int TIMED_OUT = -2;

    private RawHttp() {}

    public static byte[] request(String method, byte[] target, String headers, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(method.getBytes(StandardCharsets.ISO_8859_1));
        out.write(' ');
        out.writeBytes(target);
        out.writeBytes((" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + headers + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** Sends the bytes and reads the status line, within the timeout (connect, and the whole answer). */
    public static int exchange(int port, byte[] request, Duration timeout) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException serverClosedEarly) {
                // A server may answer (413, say) and close before reading everything: read what it said.
            }
            return status(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            return TIMED_OUT;
        }
    }

    private static int status(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        try {
            while ((c = in.read()) != -1 && c != '\n') {
                line.append((char) c);
            }
        } catch (java.net.SocketException reset) {
            // reset after a partial or no answer: judged by what arrived
        }
        String[] parts = line.toString().trim().split(" ");
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            return NO_ANSWER;
        }
        try {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException afterTheStatus) {
            // the status is what is judged; the rest of the answer is drained only to be polite
        }
        return Integer.parseInt(parts[1]);
    }
}
