package authdoctor.testing.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the lab's own commands ({@code lab/up}, {@code lab/down}, {@code lab/restart}). */
public final class Lab {
  /** A cold {@code lab/install} (apt, npm, Maven) or start, with room for a busy 2-core machine. */
  private static final Duration TIMEOUT = Duration.ofMinutes(8);

  private Lab() {}

  /** The {@code lab/} directory: {@code -Dauthdoctor.lab}, else {@code lab/} of the working directory. */
  public static Path dir() {
    Path p = Path.of(System.getProperty("authdoctor.lab", "lab")).toAbsolutePath();
    if (!Files.isRegularFile(p.resolve("labctl.py"))) {
      throw new IllegalStateException("no lab at " + p + " (set -Dauthdoctor.lab=/path/to/lab)");
    }
    return p;
  }

  private static boolean installed;

  /**
   * Runs {@code lab/install} once per test run: a no-op in about a second when everything is there,
   * the Debian/npm/Maven installation on a fresh machine.
   */
  public static synchronized void install() {
    if (!installed) {
      run("install");
      installed = true;
    }
  }

  /** Starts a case; returns what {@code lab/up --json} printed. */
  public static String up(String name) {
    install();
    return run("up", "--json", name);
  }

  public static void down(String name) {
    run("down", name);
  }

  /** Stops a case but keeps nginx, Redis and Spring Boot running for the next case of the run. */
  public static void downKeepShared(String name) {
    run("down", "--keep-shared", name);
  }

  /** Stops the shared processes that no running case uses. */
  public static void downIdle() {
    run("down", "--idle");
  }

  /** Restarts the case's app instances, as a deploy would. */
  public static void restart(String name) {
    run("restart", name);
  }

  private static String run(String command, String... args) {
    Path lab = dir();
    List<String> cmd = new ArrayList<>(List.of(lab.resolve(command).toString()));
    cmd.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("lab-" + command, ".out");
      Path err = Files.createTempFile("lab-" + command, ".err");
      try {
        Process p = new ProcessBuilder(cmd).directory(lab.getParent().toFile())
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException(String.join(" ", cmd) + ": no answer after " + TIMEOUT);
        }
        if (p.exitValue() != 0) {
          throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "):\n"
              + Files.readString(err, StandardCharsets.UTF_8));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", cmd) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(String.join(" ", cmd) + ": interrupted", e);
    }
  }
}
