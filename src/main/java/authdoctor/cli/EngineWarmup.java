package authdoctor.cli;

import authdoctor.Redactor;
import authdoctor.catalog.Catalog;
import authdoctor.check.Checks;
import authdoctor.check.Engine;
import authdoctor.report.Format;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Builds the check engine (every check, the catalog) and what the output format's reporter needs (the
 * JSON mapper) on a background thread while a live command waits on the network; {@link #get} hands it over.
 */
final class EngineWarmup {
  private final FutureTask<Engine> engine;

  private EngineWarmup(FutureTask<Engine> engine) {
    this.engine = engine;
  }

  static EngineWarmup start(Redactor redactor, Format format) {
    FutureTask<Engine> task = new FutureTask<>(() -> {
      Engine e = new Engine(Checks.ALL, Catalog.bundled(), Clock.systemUTC(), redactor);
      format.warmUp();
      return e;
    });
    Thread.ofVirtual().name("authdoctor engine").start(task);
    return new EngineWarmup(task);
  }

  /** The prepared engine; a failure to build it surfaces as it would have on this thread. */
  Engine get() {
    try {
      return engine.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while preparing the checks", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    }
  }
}
