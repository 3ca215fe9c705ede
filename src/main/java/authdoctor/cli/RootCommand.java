package authdoctor.cli;

import authdoctor.Version;
import authdoctor.collect.http.TlsProvider;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code authdoctor}: the root command; everything happens in subcommands. */
@Command(
    name = "authdoctor",
    mixinStandardHelpOptions = true,
    versionProvider = RootCommand.VersionProvider.class,
    description = {
      "Tells why authentication works locally but fails in production, and how to fix it.",
      ""
    },
    synopsisSubcommandLabel = "COMMAND",
    footerHeading = "%nExamples:%n",
    footer = {
      "  authdoctor demo                      diagnose built-in broken deployments",
      "  authdoctor probe https://app.example.com --user u@example.com --password-env PW \\",
      "      --protected /dashboard --logout /logout   diagnose a live login flow",
      "  authdoctor cookie 'sid=1; SameSite=None' --url https://app.example.com/",
      "                                       would the browser keep this cookie?",
      "  authdoctor jwt - --oidc-issuer https://login.example.com < token.txt",
      "                                       why is this token refused?",
      "  authdoctor scan .                    what do the nginx files show?",
      "  authdoctor har login.har             where in a recorded sign-in was the session lost?",
      "  authdoctor store redis://127.0.0.1:6379   does the session store evict or forget sessions?",
      "  authdoctor fingerprint --env --key-file team.key --format json -o web-1.json",
      "                                       compare secrets across instances without showing them",
      "  authdoctor explain --list            every finding id",
      "  authdoctor explain cookie.samesite-none-insecure",
      "  source <(authdoctor generate-completion)   tab completion in bash/zsh"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      " 0:no finding at or above --fail-on (default: error)",
      " 1:findings at or above --fail-on",
      " 2:usage or input error (bad flag, URL, file)",
      " 3:target unreachable or run incomplete",
      "70:internal error (a bug: please report it)"
    })
public final class RootCommand implements Runnable {
  /**
   * The subcommands, in the order the help lists them. {@link Main} adds them to the tree itself (not
   * through {@code @Command(subcommands)}) so that a run builds the model of the command it runs only.
   */
  static final List<Class<?>> COMMANDS = List.of(
      DemoCommand.class,
      ProbeCommand.class,
      DiffCommand.class,
      CookieCommand.class,
      ExplainCommand.class,
      JwtCommand.class,
      HarCommand.class,
      ScanCommand.class,
      StoreCommand.class,
      FingerprintCommand.class,
      AutoComplete.GenerateCompletion.class);

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required (see the list below)");
  }

  /** Prints {@code authdoctor VERSION}, the Java runtime and the TLS the requests use. */
  public static final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "authdoctor " + Version.get(),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ")",
        "TLS: " + TlsProvider.describe()
      };
    }
  }
}
