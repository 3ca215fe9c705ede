package authdoctor.collect.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The probe's step numbers, in sequence even when independent requests are sent at once: each gets the
 * number it would have had in sequence, so the trace and the observations read the same whichever
 * answer comes first.
 */
final class StepNumbers {
  /** The step number reserved for this thread's next request by {@link #concurrently}, if any. */
  private static final ThreadLocal<Integer> RESERVED = new ThreadLocal<>();

  private final AtomicInteger last;

  StepNumbers(int first) {
    this.last = new AtomicInteger(first - 1);
  }

  /** The next request's step: the one reserved for this thread, else the next in sequence. */
  int next() {
    Integer reserved = RESERVED.get();
    if (reserved == null) return last.incrementAndGet();
    RESERVED.remove();
    return reserved;
  }

  /** Moves past {@code step} (a collector that numbered its own steps). */
  void atLeast(int step) {
    last.updateAndGet(v -> Math.max(v, step));
  }

  /**
   * Runs independent tasks of one request each at once, one thread each, each with the step number it
   * would have had in sequence.
   *
   * <p>Platform threads, not virtual ones: a virtual thread blocking on an HTTP/1.1 socket starts the JDK's
   * I/O poller threads, which then sit in a native call, and the JVM waits 300 ms at exit for threads in
   * native code (measured: every run 300 ms longer). These threads are few and short-lived.
   */
  void concurrently(List<Runnable> tasks) {
    int first = last.getAndAdd(tasks.size()) + 1;
    try (ExecutorService ex = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().name("authdoctor probe ", 1).factory())) {
      List<Future<?>> all = new ArrayList<>();
      for (int i = 0; i < tasks.size(); i++) {
        int step = first + i;
        Runnable task = tasks.get(i);
        all.add(ex.submit(() -> {
          RESERVED.set(step);
          try {
            task.run();
          } finally {
            RESERVED.remove();
          }
        }));
      }
      for (Future<?> f : all) {
        try {
          f.get();
        } catch (ExecutionException e) {
          throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
