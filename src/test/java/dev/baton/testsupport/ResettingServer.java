package dev.baton.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server on 127.0.0.1 that accepts every connection, reads what the client sends and then resets
 * the connection (SO_LINGER 0, so the close sends a TCP RST): a peer that took the request and went
 * away without answering.
 */
public final class ResettingServer implements AutoCloseable {

  private final ServerSocket socket;
  private final AtomicInteger connections = new AtomicInteger();
  private final Thread acceptor;

  public ResettingServer() {
    try {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor = Thread.ofVirtual().name("resetting-server").start(this::acceptAndReset);
  }

  /** How many connections were accepted (and reset) so far. */
  public int connections() {
    return connections.get();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  private void acceptAndReset() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        connections.incrementAndGet();
        client.setSoLinger(true, 0);
        client.setSoTimeout(2000);
        readHead(client.getInputStream());
      } catch (SocketException e) {
        if (socket.isClosed()) {
          return;
        }
      } catch (IOException e) {
        // a client that gave up first: the next one is served all the same
      }
    }
  }

  /** Reads up to the end of the request's head (a blank line), so the request surely arrived. */
  private static void readHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    for (int b = in.read(); b >= 0; b = in.read()) {
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == end.length) {
        return;
      }
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor.interrupt();
  }
}
