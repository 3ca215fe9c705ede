package authdoctor.cli;

import authdoctor.AuthDoctor;
import authdoctor.Redactor;
import authdoctor.Report;
import authdoctor.check.Scope;
import authdoctor.collect.har.HarCollector;
import authdoctor.collect.har.HarDiagnosis;
import authdoctor.collect.har.HarFormatException;
import authdoctor.collect.har.HarSanitizer;
import authdoctor.report.Format;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code authdoctor har FILE}: replays a browser's HAR recording through the cookie model and names the entry
 * where the session was lost, the entry that carries the cause, and the fix. {@code --sanitize OUT} writes a
 * copy with every secret replaced by its keyed fingerprint.
 *
 * <p>Trace ({@link authdoctor.collect.har.HarSteps}): one step per entry kept, numbered {@code entry + 1};
 * JSON adds {@code "lost": {"entry", "cause_entry", "kind"}} or null.
 */
@WritesFormats({Format.TEXT, Format.JSON, Format.SARIF, Format.JUNIT, Format.MARKDOWN, Format.HTML})
@Command(
    name = "har",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Replay a browser's HAR recording and show where the session was lost, and why.",
      "Reads HAR 1.2 as Chromium, Firefox and Safari export it (streamed: any size). Each Set-Cookie goes "
          + "through the browser cookie model with the entry's URL and request context; each recorded Cookie header "
          + "is compared with what the model would send. The report names the entry where the user was visibly "
          + "signed out (or still signed in after logout), the entry that carries the cause, and the fix."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  authdoctor har login.har                      root cause first, then the timeline",
      "  authdoctor har login.har --format json        authdoctor/1 with \"lost\" and one step per entry",
      "  authdoctor har login.har --sanitize safe.har  a copy safe to attach to a ticket",
      "",
      "Cookie values, tokens and passwords are never printed: they appear as ‹redacted N chars fp:…›.",
      "A HAR exported \"sanitized\" (no Cookie, Set-Cookie, Authorization) is har.sanitized;",
      "Chromium's bytes on the wire tell it from a login that set no cookie (cookie.missing).",
      "A redirect loop the browser gave up on is a loss (redirect.loop), never a clean bill."
    })
final class HarCommand implements Callable<Integer> {
  private final Io io;

  @Parameters(index = "0", paramLabel = "FILE", description = "The HAR file ('-' reads it from stdin).")
  String file = "";

  @Option(names = "--sanitize", paramLabel = "OUT",
      description = "Also write a copy of FILE to OUT with every cookie value, token, password, Authorization header "
          + "and query secret replaced by its keyed fingerprint (JWT header and claims stay readable).")
  @Nullable Path sanitize;

  @Mixin OutputMixin output;

  HarCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    Redactor redactor = Redactor.forUser();
    boolean stdin = file.equals("-");
    if (stdin && sanitize != null) throw new UsageError("--sanitize reads FILE twice: give a file, not '-'");
    HarCollector.Result replay;
    try (InputStream in = stdin ? new BufferedInputStream(io.in()) : open(Path.of(file))) {
      replay = new HarCollector(redactor).collect(in);
    } catch (HarFormatException e) {
      throw new UsageError(name() + ": " + e.getMessage());
    } catch (IOException e) {
      throw new UsageError(name() + ": cannot read it: " + Args.fileProblem(Path.of(file), e));
    }
    if (sanitize != null) sanitized(Path.of(file), sanitize, redactor);
    AuthDoctor doctor = AuthDoctor.prepare(Clock.fixed(replay.judgedAt(), ZoneOffset.UTC), redactor, output::prepare);
    Report report = doctor.diagnose("har", name(), replay.collected(), Scope.ALL);
    return output.emit(HarDiagnosis.finish(report, replay), redactor, io);
  }

  private String name() {
    return file.equals("-") ? "(stdin)" : Path.of(file).getFileName() == null ? file : Path.of(file).getFileName().toString();
  }

  private static InputStream open(Path p) throws IOException {
    if (Files.isDirectory(p)) throw new UsageError(p + ": a directory, not a HAR file");
    try {
      return new BufferedInputStream(Files.newInputStream(p), 1 << 16);
    } catch (NoSuchFileException e) {
      throw new UsageError(p + ": no such file");
    }
  }

  private void sanitized(Path in, Path out, Redactor redactor) {
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new UsageError("--sanitize " + out + ": the directory " + parent + " does not exist");
    }
    try {
      HarSanitizer.Summary s = HarSanitizer.write(in, out, redactor);
      io.err().println("authdoctor: wrote " + out + " (" + s.replaced() + " secret values replaced by fingerprints in "
          + s.entries() + " entries)");
    } catch (HarFormatException e) {
      throw new UsageError(name() + ": " + e.getMessage());
    } catch (IOException e) {
      throw new UsageError("--sanitize " + out + ": cannot write it: " + Args.fileProblem(out, e));
    }
  }
}
