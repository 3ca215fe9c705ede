package authdoctor.collect.browser;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One headless Chromium process with a fresh, throw-away profile, driven over the DevTools protocol.
 *
 * <p>Every host name resolves to 127.0.0.1 ({@code --host-resolver-rules="MAP * 127.0.0.1"}), so the
 * browser can only reach our own local server. Closing kills the process (and its children) and deletes
 * the profile.
 */
public final class Chromium implements AutoCloseable {
  /** Environment variable naming the Chromium executable, if not {@code /usr/bin/chromium}. */
  public static final String EXECUTABLE_ENV = "AUTHDOCTOR_CHROMIUM";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final Process process;
  private final Path profile;
  private final DevToolsConnection devtools;
  private final String version;
  private final Thread shutdownHook;

  private Chromium(Process process, Path profile, DevToolsConnection devtools, String version, Thread hook) {
    this.process = process;
    this.profile = profile;
    this.devtools = devtools;
    this.version = version;
    this.shutdownHook = hook;
  }

  /** The executable to start: {@code $AUTHDOCTOR_CHROMIUM}, else the first of the usual names on the PATH. */
  static Optional<Path> findExecutable() {
    return findExecutable(System.getenv());
  }

  /** As {@link #findExecutable()}, reading {@code $AUTHDOCTOR_CHROMIUM} and {@code $PATH} from {@code environment}. */
  static Optional<Path> findExecutable(Map<String, String> environment) {
    String env = environment.get(EXECUTABLE_ENV);
    if (env != null && !env.isBlank()) {
      Path p = Path.of(env);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/bin/chromium")));
    String path = environment.get("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (dir.isEmpty()) continue;
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) candidates.add(Path.of(dir, name));
      }
    }
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  /**
   * Starts Chromium with {@code profile.cookie_controls_mode} written into the fresh profile's
   * preferences: 0 allows third-party cookies, 1 blocks them; null leaves the browser's default.
   */
  public static Chromium launch(@Nullable Integer cookieControlsMode) throws BrowserException {
    return launch(findExecutable().orElseThrow(Chromium::notFound), cookieControlsMode);
  }

  static BrowserException notFound() {
    return BrowserException.notInstalled(
        "Chromium not found: install it with 'apt-get install chromium' (or set " + EXECUTABLE_ENV + " to its path)");
  }

  /**
   * The executable {@code environment} names ({@code AUTHDOCTOR_CHROMIUM}, else {@code chromium} on its
   * {@code PATH}); empty when none is installed.
   */
  public static Optional<Path> locate(Map<String, String> environment) {
    return findExecutable(environment);
  }

  /** The one line that says how to install Chromium. */
  public static String notInstalledMessage() {
    return notFound().getMessage();
  }

  /** Every host name reaches our own server on 127.0.0.1, whose certificate is self-signed. */
  private static final List<String> SCENARIO_NETWORK =
      List.of("--ignore-certificate-errors", "--host-resolver-rules=MAP * 127.0.0.1");

  /** Starts {@code exe} as Chromium; see {@link #launch(Integer)}. */
  static Chromium launch(Path exe, @Nullable Integer cookieControlsMode) throws BrowserException {
    return launch(exe, cookieControlsMode, SCENARIO_NETWORK, START_TIMEOUT);
  }

  /**
   * Starts {@code exe} as Chromium with a fresh profile; {@code network} are the flags that decide where it
   * may connect and which certificates it accepts; {@code startTimeout} bounds the wait for its DevTools port.
   */
  static Chromium launch(Path exe, @Nullable Integer cookieControlsMode, List<String> network, Duration startTimeout)
      throws BrowserException {
    Path profile;
    try {
      profile = Files.createTempDirectory("authdoctor-chromium-");
      Files.createDirectories(profile.resolve("Default"));
      if (cookieControlsMode != null) {
        ObjectNode prefs = Json.object();
        prefs.putObject("profile").put("cookie_controls_mode", cookieControlsMode);
        Files.writeString(profile.resolve("Default").resolve("Preferences"), Json.mapper().writeValueAsString(prefs));
      }
    } catch (IOException e) {
      throw new BrowserException("cannot create a Chromium profile: " + e.getMessage());
    }
    List<String> cmd = new ArrayList<>(
        List.of(
            exe.toString(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--disable-extensions",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-quic",
            "--mute-audio",
            "--user-data-dir=" + profile,
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0"));
    cmd.addAll(network);
    cmd.add("about:blank");
    Process process;
    try {
      process =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(profile.resolve("chromium.log").toFile())
              .start();
    } catch (IOException e) {
      deleteTree(profile);
      throw new BrowserException("cannot start " + exe + ": " + e.getMessage());
    }
    Thread hook = new Thread(() -> kill(process, profile), "authdoctor-chromium-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      URI ws = waitForDevToolsUrl(process, profile, startTimeout);
      DevToolsConnection devtools = DevToolsConnection.open(ws, Duration.ofSeconds(10));
      String version = devtools.call("Browser.getVersion", null, null, Duration.ofSeconds(10)).path("product").asText();
      return new Chromium(process, profile, devtools, version, hook);
    } catch (BrowserException | RuntimeException e) {
      kill(process, profile);
      removeHook(hook);
      throw e;
    }
  }

  /** Chromium writes "PORT\nPATH" to DevToolsActivePort in the profile once the debugger listens. */
  private static URI waitForDevToolsUrl(Process process, Path profile, Duration timeout) throws BrowserException {
    Path file = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new BrowserException("Chromium exited at start with code " + process.exitValue() + ": " + lastLogLine(profile));
      }
      try {
        if (Files.isRegularFile(file)) {
          List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
          if (lines.size() >= 2 && !lines.get(1).isBlank()) {
            return URI.create("ws://127.0.0.1:" + Integer.parseInt(lines.get(0).strip()) + lines.get(1).strip());
          }
        }
        // The file appears within about a second; polling it briefly is cheaper than a WatchService.
        process.waitFor(25, TimeUnit.MILLISECONDS);
      } catch (IOException | NumberFormatException e) {
        // written but not complete yet: read again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BrowserException("interrupted while starting Chromium");
      }
    }
    throw new BrowserException("Chromium did not open its DevTools port within " + timeout.toMillis() + " ms");
  }

  private static String lastLogLine(Path profile) {
    try (Stream<String> lines = Files.lines(profile.resolve("chromium.log"), StandardCharsets.UTF_8)) {
      return lines.filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("(no output)");
    } catch (IOException | java.io.UncheckedIOException e) {
      return "(no output)";
    }
  }

  /** "Chrome/156.0.8078.108" or similar, as Chromium reports it. */
  public String version() {
    return version;
  }

  DevToolsConnection devtools() {
    return devtools;
  }

  /** Whether the process is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** The process id, for diagnostics. */
  public long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    try {
      devtools.call("Browser.close", null, null, Duration.ofSeconds(2));
    } catch (BrowserException e) {
      // killed below in any case
    }
    devtools.close();
    kill(process, profile);
    removeHook(shutdownHook);
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook itself is running
    }
  }

  private static void kill(Process process, Path profile) {
    List<ProcessHandle> children = process.descendants().toList();
    try {
      if (!process.waitFor(3, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    for (ProcessHandle child : children) {
      if (child.isAlive()) child.destroyForcibly();
    }
    deleteTree(profile);
  }

  private static void deleteTree(@Nullable Path root) {
    if (root == null || !Files.exists(root)) return;
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | java.io.UncheckedIOException e) {
      // a file Chromium was still writing: the temp directory is cleaned by the system later
    }
  }
}
