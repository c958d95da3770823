package dev.baton.delivery.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Forwards TCP connections on a loopback port, chosen before any broker runs, to a broker's port:
 * Baton is configured with the first, so the test decides when a broker becomes reachable. Kafka
 * clients use such an address only to bootstrap; the broker then tells them its own address.
 */
final class Forwarder implements AutoCloseable {

  private final ServerSocket server;

  /** Reserves a free loopback port without listening on it for clients yet. */
  Forwarder() {
    try {
      server = new ServerSocket();
      server.setReuseAddress(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Listens on {@code port} from now on, passing each connection to {@code targetPort}. */
  void start(int port, int targetPort) {
    try {
      server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread.ofVirtual()
        .start(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket client = server.accept();
                  Socket broker = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                  pipe(client, broker);
                  pipe(broker, client);
                } catch (IOException e) {
                  // closed, or one connection failed; the client connects again
                }
              }
            });
  }

  private static void pipe(Socket from, Socket to) {
    Thread.ofVirtual()
        .start(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // the other side closed
              } finally {
                try {
                  from.close();
                  to.close();
                } catch (IOException ignored) {
                  // nothing left to do
                }
              }
            });
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
