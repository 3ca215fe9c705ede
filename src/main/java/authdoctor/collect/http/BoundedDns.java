package authdoctor.collect.http;

import static java.util.Objects.requireNonNull;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.Dns;

/**
 * A {@link Dns} that gives up after a bound. The JDK resolver cannot be interrupted and OkHttp's call
 * timeout does not stop it, so without this a dead DNS server would hold a call far past {@code --max-time}.
 * The lookup runs on a virtual thread that is abandoned on timeout.
 */
record BoundedDns(Dns delegate, Duration bound) implements Dns {
  BoundedDns {
    requireNonNull(delegate);
    requireNonNull(bound);
  }

  /** The lookup did not finish within the bound. */
  static final class TimeoutException extends UnknownHostException {
    TimeoutException(String host, Duration bound) {
      super("DNS lookup of " + host + " did not finish within " + Failures.duration(bound));
    }
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    if (InetAddresses.isInetAddress(hostname)) return delegate.lookup(hostname); // a literal: no query
    FutureTask<List<InetAddress>> task = new FutureTask<>(() -> delegate.lookup(hostname));
    Thread.ofVirtual().name("authdoctor-dns").start(task);
    try {
      return task.get(bound.toNanos(), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      task.cancel(true);
      throw new TimeoutException(hostname, bound);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownHostException u) throw u;
      UnknownHostException u = new UnknownHostException(hostname + ": " + e.getCause());
      u.initCause(e.getCause());
      throw u;
    } catch (InterruptedException e) {
      task.cancel(true);
      Thread.currentThread().interrupt();
      throw new UnknownHostException(hostname + ": interrupted");
    }
  }
}
