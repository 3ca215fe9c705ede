package authdoctor.collect.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * Plain sockets that count the bytes they receive, found again by local port (a TLS socket layered on one
 * shares its local port). OkHttp reports "headers too large" and "connection closed" with the same
 * exception; the byte count tells them apart.
 */
final class CountingSocketFactory extends SocketFactory {
  private final Map<Integer, CountingSocket> byLocalPort = new ConcurrentHashMap<>();

  @Override
  public Socket createSocket() {
    return new CountingSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    Socket s = createSocket();
    s.connect(new InetSocketAddress(host, port));
    return s;
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    Socket s = createSocket();
    s.bind(new InetSocketAddress(localHost, localPort));
    s.connect(new InetSocketAddress(host, port));
    return s;
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    Socket s = createSocket();
    s.connect(new InetSocketAddress(host, port));
    return s;
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    Socket s = createSocket();
    s.bind(new InetSocketAddress(localAddress, localPort));
    s.connect(new InetSocketAddress(address, port));
    return s;
  }

  /** The received-bytes counter of the connection {@code socket} belongs to, null when unknown. */
  @Nullable AtomicLong counterFor(Socket socket) {
    CountingSocket s = byLocalPort.get(socket.getLocalPort());
    return s == null ? null : s.received;
  }

  private final class CountingSocket extends Socket {
    final AtomicLong received = new AtomicLong();
    private @Nullable InputStream in;
    private int registeredPort = -1;

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      super.connect(endpoint, timeout);
      registeredPort = getLocalPort();
      byLocalPort.put(registeredPort, this);
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (in == null) {
        in = new FilterInputStream(super.getInputStream()) {
          @Override
          public int read() throws IOException {
            int b = super.read();
            if (b >= 0) received.incrementAndGet();
            return b;
          }

          @Override
          public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) received.addAndGet(n);
            return n;
          }
        };
      }
      return in;
    }

    @Override
    public synchronized void close() throws IOException {
      if (registeredPort >= 0) byLocalPort.remove(registeredPort, this);
      super.close();
    }
  }
}
