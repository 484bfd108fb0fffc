package dev.filial.hq.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP proxy on loopback between a node and HQ that cuts one chosen HTTP exchange off, the way a
 * dropped mobile link does: part way through the request, after the whole request but before any of
 * the response, or part way through the response. Everything else passes unchanged.
 *
 * <p>The exchange to cut is named by the start of its request line ({@code "POST /sync/v1/batches"},
 * {@code "GET /sync/v1/batches/next?after=3&part=2"}) and how many matching requests to let through
 * first. A request starts with the first bytes the client sends after the previous response began
 * (HTTP/1.1 without pipelining, which is what the node's client does), so kept-alive connections are
 * followed request by request. {@link #cuts()} says how many cuts were carried out, so a test can
 * check that its cut really happened.
 */
final class CuttingProxy implements AutoCloseable {

    /** Where the chosen exchange is cut. */
    enum Cut {
        /** After {@code bytes} bytes of the request (request line and headers included). */
        REQUEST_AFTER_BYTES,
        /** After the whole request has reached HQ, before any byte of the answer reaches the node. */
        BEFORE_RESPONSE,
        /** After {@code bytes} bytes of the response (status line and headers included). */
        RESPONSE_AFTER_BYTES
    }

    private record Fault(String requestLine, Cut cut, long bytes, int skip) {
    }

    private final ServerSocket listener;
    private final int targetPort;
    private final List<Socket> sockets = new ArrayList<>();
    private Fault armed;
    private int passed;
    private int cuts;

    CuttingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "cutting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URL url() {
        try {
            return new URL("http://127.0.0.1:" + listener.getLocalPort());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Cuts the next request whose request line starts with {@code requestLine}, once. */
    synchronized void arm(String requestLine, Cut cut, long bytes) {
        arm(requestLine, cut, bytes, 0);
    }

    /** Lets {@code skip} matching requests through, then cuts the next one, once. */
    synchronized void arm(String requestLine, Cut cut, long bytes, int skip) {
        armed = new Fault(requestLine, cut, bytes, skip);
        passed = 0;
    }

    /** How many exchanges were cut so far. */
    synchronized int cuts() {
        return cuts;
    }

    /** The fault for a request starting with {@code line}, taken (one shot), or null. */
    private synchronized Fault take(String line) {
        if (armed == null || !line.startsWith(armed.requestLine())) {
            return null;
        }
        if (passed++ < armed.skip()) {
            return null;
        }
        Fault fault = armed;
        armed = null;
        return fault;
    }

    private synchronized void counted() {
        cuts++;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(server);
                }
                Link link = new Link(client, server);
                start(link::upstream);
                start(link::downstream);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void start(Runnable pump) {
        Thread thread = new Thread(pump, "cutting-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (sockets) {
            sockets.forEach(CuttingProxy::quietly);
        }
    }

    private static void quietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** One client connection and its connection to HQ, pumped both ways. */
    private final class Link {

        private final Socket client;
        private final Socket server;
        private boolean responding = true;
        private Fault fault;
        private long sent;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void upstream() {
            byte[] buffer = new byte[64 * 1024];
            StringBuilder line = null;
            try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) > 0) {
                    int keep = read;
                    synchronized (this) {
                        if (responding) {
                            responding = false;
                            fault = null;
                            sent = 0;
                            line = new StringBuilder();
                        }
                        if (line != null) {
                            line.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
                            int end = line.indexOf("\r\n");
                            if (end >= 0) {
                                fault = take(line.substring(0, end));
                                line = null;
                            }
                        }
                        if (fault != null && fault.cut() == Cut.REQUEST_AFTER_BYTES) {
                            keep = (int) Math.max(0, Math.min(read, fault.bytes() - sent));
                        }
                        sent += keep;
                    }
                    out.write(buffer, 0, keep);
                    out.flush();
                    if (keep < read) {
                        cutOff();
                        return;
                    }
                }
            } catch (IOException e) {
                // one side went away; the other pump sees it too
            } finally {
                quietly(server);
            }
        }

        void downstream() {
            byte[] buffer = new byte[64 * 1024];
            long answered = 0;
            try (InputStream in = server.getInputStream(); OutputStream out = client.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) > 0) {
                    int keep = read;
                    synchronized (this) {
                        if (!responding) {
                            responding = true;
                            answered = 0;
                        }
                        if (fault != null && fault.cut() == Cut.BEFORE_RESPONSE) {
                            keep = 0;
                        } else if (fault != null && fault.cut() == Cut.RESPONSE_AFTER_BYTES) {
                            keep = (int) Math.max(0, Math.min(read, fault.bytes() - answered));
                        }
                        answered += keep;
                    }
                    out.write(buffer, 0, keep);
                    out.flush();
                    if (keep < read) {
                        cutOff();
                        return;
                    }
                }
            } catch (IOException e) {
                // one side went away
            } finally {
                quietly(client);
            }
        }

        private void cutOff() {
            counted();
            quietly(client);
            quietly(server);
        }
    }
}
