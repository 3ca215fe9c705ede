package authdoctor.cli;

import authdoctor.Version;
import authdoctor.report.ServerText;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * The command-line entry point. {@link #run} returns the exit code instead of exiting, so tests can
 * assert both the code and the output.
 */
public final class Main {
  /** When this process started, set by {@link #main}; empty when commands run in-process (tests). */
  private static volatile @Nullable Instant started;

  private Main() {}

  /** The start of the process running the command line, which {@code --max-time} counts from. */
  static Optional<Instant> started() {
    return Optional.ofNullable(started);
  }

  public static void main(String[] args) throws java.io.IOException {
    started = ProcessHandle.current().info().startInstant().orElse(Instant.now());
    // The launcher's recording of the AOT cache: the commands users run, in one JVM (Training).
    if (Boolean.getBoolean("authdoctor.aot.training")) System.exit(Training.run());
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    String forced = System.getProperty("authdoctor.tty");
    boolean tty = forced != null ? Boolean.parseBoolean(forced) : isTerminal();
    // A thread other than this one failing (a worker out of memory) prints one line, not a stack trace.
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> internalError(e, err));
    int code = run(args, new Io(System.in, out, err, System.getenv(), tty));
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Whether stdout is a terminal: the launcher says so; else ask the JDK (22+ has Console.isTerminal). */
  private static boolean isTerminal() {
    java.io.Console console = System.console();
    if (console == null) return false;
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 21: a console exists only when attached to a terminal
    }
  }

  /** Runs with empty stdin, no terminal and an empty environment: what tests use. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, new Io(InputStream.nullInputStream(), out, err, Map.of(), false));
  }

  /** Runs with the given stdin text (for commands that read {@code -}). */
  public static int run(String[] args, String stdin, PrintWriter out, PrintWriter err) {
    InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    return run(args, new Io(in, out, err, Map.of(), false));
  }

  public static int run(String[] args, Io io) {
    CommandLine cl = commandLine(io, args);
    try {
      String[] expanded;
      try {
        boolean flow = Arrays.stream(args).anyMatch(a -> a.equals(FlowFile.FLOW) || a.startsWith(FlowFile.FLOW + "="));
        expanded = flow ? FlowFile.expand(args, commandLine(io, args)) : args;
      } catch (UsageError | IllegalArgumentException e) {
        io.err().println("authdoctor: " + oneLine(e.getMessage()));
        return ExitCode.USAGE.code;
      }
      return cl.execute(expanded);
    } catch (Throwable t) { // an Error (out of memory, stack overflow) escapes picocli's handler
      internalError(t, io.err());
      return ExitCode.INTERNAL.code;
    } finally {
      io.out().flush();
      io.err().flush();
    }
  }

  /** The configured picocli command tree, every command in it. */
  public static CommandLine commandLine(Io io) {
    return commandLine(io, new String[0]);
  }

  /**
   * The tree a run of {@code args} needs: when the first argument names a command, the root and that
   * command only (building every command's model is most of picocli's start-up); else all of them, for the
   * root's help, a misspelt command's suggestions and {@code generate-completion}.
   */
  static CommandLine commandLine(Io io, String[] args) {
    Factory factory = new Factory(io);
    CommandLine cl = new CommandLine(new RootCommand(), factory);
    Class<?> invoked = args.length == 0 ? null : RootCommand.COMMANDS.stream()
        .filter(c -> c != AutoComplete.GenerateCompletion.class && c.getAnnotation(Command.class).name().equals(args[0]))
        .findFirst().orElse(null);
    for (Class<?> c : invoked != null ? List.of(invoked) : RootCommand.COMMANDS) {
      cl.addSubcommand(new CommandLine(c, factory));
    }
    cl.setOut(io.out());
    cl.setErr(io.err());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setUsageHelpAutoWidth(false);
    cl.setUsageHelpWidth(80);
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(io.color() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    cl.setParameterExceptionHandler(new UsageHandler());
    cl.setExecutionExceptionHandler(new FailureHandler());
    FormatOption.install(cl);
    return cl;
  }

  /** A bad command line: one line naming what is wrong, a hint, exit 2. */
  private static final class UsageHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
      CommandLine cmd = ex.getCommandLine();
      PrintWriter err = cmd.getErr();
      err.println("authdoctor: " + oneLine(ex.getMessage()));
      String name = cmd.getCommandSpec().qualifiedName();
      err.println("Try '" + name + " --help' for more information.");
      return ExitCode.USAGE.code;
    }
  }

  /** Input errors → exit 2 with their one line; anything else is a bug → exit 70, one line. */
  private static final class FailureHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
      PrintWriter err = cmd.getErr();
      if (ex instanceof UsageError || ex instanceof IllegalArgumentException) {
        err.println("authdoctor: " + oneLine(ex.getMessage()));
        return ExitCode.USAGE.code;
      }
      if (ex instanceof Unreachable) {
        err.println("authdoctor: " + oneLine(ex.getMessage()));
        return ExitCode.INCOMPLETE.code;
      }
      internalError(ex, err);
      return ExitCode.INTERNAL.code;
    }
  }

  /**
   * A bug: one line (no stack trace) and the bug-report hint; out of memory: one line. The caller exits 70.
   */
  static void internalError(Throwable t, PrintWriter err) {
    Throwable cause = t;
    while (!(cause instanceof Error) && cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
    if (cause instanceof OutOfMemoryError) {
      err.println("authdoctor: internal error: out of memory (" + oneLine(String.valueOf(cause.getMessage()))
          + "): the run outgrew the JVM's heap (-Xmx); please report it with the command line (secrets removed)");
      err.flush();
      return;
    }
    StackTraceElement at = t.getStackTrace().length > 0 ? t.getStackTrace()[0] : null;
    err.println(
        "authdoctor: internal error: "
            + t.getClass().getSimpleName()
            + (t.getMessage() == null ? "" : ": " + oneLine(t.getMessage()))
            + (at == null ? "" : " (at " + at.getClassName() + ":" + at.getLineNumber() + ")"));
    err.println(Version.BUG_REPORT);
    err.flush();
  }

  /** The first line of {@code s}, its control characters escaped (a message may quote a server's bytes). */
  static String oneLine(String s) {
    if (s == null) return "";
    String line = s.strip();
    int nl = line.indexOf('\n');
    return ServerText.render(nl < 0 ? line : line.substring(0, nl).strip());
  }

  /** Creates commands, handing {@link Io} to those whose constructor takes it. */
  private record Factory(Io io) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      for (Constructor<?> c : cls.getDeclaredConstructors()) {
        if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Io.class) {
          c.setAccessible(true);
          return cls.cast(c.newInstance(io));
        }
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
