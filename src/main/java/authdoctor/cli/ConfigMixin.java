package authdoctor.cli;

import authdoctor.Redactor;
import authdoctor.collect.scan.ScanCollector;
import authdoctor.observation.Collected;
import authdoctor.observation.Observation;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --config DIR} of {@code probe} and {@code diff}: the deployment's configuration, read by the
 * {@code scan} command's collector, diagnosed together with the live run. The engine then joins each
 * live finding to the configuration line behind it, drops what the live run contradicts and marks what it
 * did not show (see {@code authdoctor.check.Corroboration}).
 */
public final class ConfigMixin {
  @Option(names = "--config", paramLabel = "DIR",
      description = "The deployment's configuration (a checkout, deploy/ folder or one nginx file), read as `authdoctor scan` reads it: each live finding gains the line that causes it (\"seen live at step 3; caused by deploy/nginx/site.conf:48\"); a config finding the live run contradicts is dropped with a note; one it neither shows nor rules out is listed apart as \"in the configuration, not seen live\". Evidence paths are relative to DIR.")
  @Nullable Path config;

  /** Whether {@code --config} was given. */
  boolean given() {
    return config != null;
  }

  /**
   * Reads the configuration before the live run, so bad input is exit 2 before any request; files found
   * while walking that cannot be parsed are named on stderr (they leave the live run complete). Empty
   * without {@code --config}.
   */
  List<Observation> read(Redactor redactor, Io io) {
    if (config == null) return List.of();
    if (!Files.exists(config, LinkOption.NOFOLLOW_LINKS)) throw new UsageError("--config " + config + ": no such file or directory");
    Path base = Files.isDirectory(config) ? config : Path.of("").toAbsolutePath();
    Collected read;
    try {
      read = new ScanCollector().collect(new ScanCollector.Request(List.of(config), base, null, null, ScanCommand.DEFAULT_MAX_BYTES));
    } catch (IllegalArgumentException e) {
      throw new UsageError("--config: " + e.getMessage());
    }
    read.problems().forEach(p -> io.err().println("authdoctor: --config: " + redactor.scrub(p.source() + ": " + p.message())));
    return read.observations();
  }

  /** The live run with the configuration's observations after its own; its trace and problems unchanged. */
  static Collected join(Collected live, List<Observation> config) {
    if (config.isEmpty()) return live;
    List<Observation> all = new ArrayList<>(live.observations());
    all.addAll(config);
    return new Collected(all, live.problems(), live.trace(), live.unreachable());
  }
}
