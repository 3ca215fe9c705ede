package authdoctor;

import static java.util.Objects.requireNonNull;

import authdoctor.catalog.Catalog;
import authdoctor.check.Engine;
import authdoctor.check.Scope;
import authdoctor.check.Stack;
import authdoctor.check.StackDetector;
import authdoctor.checks.Checks;
import authdoctor.observation.Collected;
import authdoctor.observation.Observations;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.jspecify.annotations.Nullable;

/**
 * The one way from what a collector saw to a report: {@link #diagnose} runs the checks in scope over the
 * observations, with the fixes for the stack detected from them, root cause first. Every command and the
 * demo go through it: flags → collector → {@code diagnose} → reporter.
 *
 * <p>{@link #prepare} starts loading the checks and the catalog on a background thread, so a live
 * command does it while its collector waits on the network; one instance serves every diagnosis of a
 * run (both targets of {@code diff}, every deployment of the demo).
 */
public final class AuthDoctor {
  private final FutureTask<Engine> engine;

  private AuthDoctor(FutureTask<Engine> engine) {
    this.engine = engine;
  }

  /**
   * Starts loading every check and the catalog.
   *
   * @param clock the checks' clock ("now" for token times and cookie expiry)
   * @param redactor the run's redactor, for evidence
   */
  public static AuthDoctor prepare(Clock clock, Redactor redactor) {
    return prepare(clock, redactor, () -> {});
  }

  /** As {@link #prepare(Clock, Redactor)}, also running {@code alsoPrepare} (a reporter's set-up) in the background. */
  public static AuthDoctor prepare(Clock clock, Redactor redactor, Runnable alsoPrepare) {
    requireNonNull(clock);
    requireNonNull(redactor);
    requireNonNull(alsoPrepare);
    FutureTask<Engine> task = new FutureTask<>(() -> {
      Engine e = new Engine(Checks.ALL, Catalog.bundled(), clock, redactor);
      alsoPrepare.run();
      return e;
    });
    Thread.ofVirtual().name("authdoctor engine").start(task);
    return new AuthDoctor(task);
  }

  /**
   * The report of one run.
   *
   * @param command the command's name ({@code probe}, {@code cookie}, …)
   * @param target what was examined, already redacted, or null
   * @param collected what the collector saw, with the command's trace
   * @param scope which checks run, and whether the stack is detected
   */
  public Report diagnose(String command, @Nullable String target, Collected collected, Scope scope) {
    Observations observations = new Observations(collected.observations());
    Stack stack = scope.detectStack() ? StackDetector.detect(observations) : Stack.UNKNOWN;
    return engine().report(command, target, observations, stack, collected.problems(), collected.trace(), scope);
  }

  /** The prepared engine; a failure to build it surfaces as it would have on this thread. */
  private Engine engine() {
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
