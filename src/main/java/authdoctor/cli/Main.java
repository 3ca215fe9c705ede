package authdoctor.cli;

import authdoctor.Version;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * The command-line entry point. {@link #run} returns the exit code instead of exiting, so tests can
 * assert both the code and the output.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    String forced = System.getProperty("authdoctor.tty");
    boolean tty = forced != null ? Boolean.parseBoolean(forced) : isTerminal();
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
    CommandLine cl = commandLine(io);
    try {
      String[] expanded;
      try {
        expanded = FlowFile.expand(args, commandLine(io));
      } catch (UsageError | IllegalArgumentException e) {
        io.err().println("authdoctor: " + oneLine(e.getMessage()));
        return ExitCode.USAGE.code;
      }
      return cl.execute(expanded);
    } finally {
      io.out().flush();
      io.err().flush();
    }
  }

  /** The configured picocli command tree. */
  public static CommandLine commandLine(Io io) {
    CommandLine cl = new CommandLine(new RootCommand(), new Factory(io));
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
      StackTraceElement at = ex.getStackTrace().length > 0 ? ex.getStackTrace()[0] : null;
      err.println(
          "authdoctor: internal error: "
              + ex.getClass().getSimpleName()
              + (ex.getMessage() == null ? "" : ": " + oneLine(ex.getMessage()))
              + (at == null ? "" : " (at " + at.getClassName() + ":" + at.getLineNumber() + ")"));
      err.println(Version.BUG_REPORT);
      return ExitCode.INTERNAL.code;
    }
  }

  static String oneLine(String s) {
    if (s == null) return "";
    String line = s.strip();
    int nl = line.indexOf('\n');
    return nl < 0 ? line : line.substring(0, nl).strip();
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
