package authdoctor.cli;

import authdoctor.report.Format;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * Narrows each command's {@code --format} to the formats it declares with {@link WritesFormats}: those
 * are its completion candidates and the values its help lists, and any other value — unknown, or a
 * format only other commands write — is exit 2 with one line naming the command's formats.
 */
final class FormatOption {
  static final String NAME = "--format";

  private FormatOption() {}

  /** Applies every command's declaration in the tree; a command with --format and no declaration is a bug. */
  static void install(CommandLine cl) {
    CommandSpec spec = cl.getCommandSpec();
    OptionSpec option = spec.findOption(NAME);
    WritesFormats declared = spec.userObject().getClass().getAnnotation(WritesFormats.class);
    if (option != null && declared == null) {
      throw new IllegalStateException(spec.qualifiedName() + " has --format but no @WritesFormats");
    }
    if (option == null && declared != null) {
      throw new IllegalStateException(spec.qualifiedName() + " declares @WritesFormats but has no --format");
    }
    if (option != null && declared != null) {
      List<Format> formats = Arrays.stream(declared.value()).distinct().sorted().toList();
      String command = spec.name();
      OptionSpec narrowed = option.toBuilder()
          .completionCandidates(formats.stream().map(Format::toString).toList())
          .converters(value -> parse(command, formats, value))
          .build();
      // Replaced in place: help (unsorted in some commands) and completion keep the declared order.
      List<OptionSpec> all = List.copyOf(spec.options());
      List<OptionSpec> after = all.subList(all.indexOf(option) + 1, all.size());
      spec.remove(option);
      after.forEach(spec::remove);
      spec.addOption(narrowed);
      after.forEach(spec::addOption);
    }
    for (CommandLine sub : cl.getSubcommands().values()) install(sub);
  }

  /** The declared format named {@code value} (any case), else a one-line usage error naming them. */
  static Format parse(String command, List<Format> formats, String value) {
    return Format.parse(value).filter(formats::contains).orElseThrow(() -> new TypeConversionException(
        command + " writes " + names(formats) + ", not '" + value + "'"));
  }

  /** {@code text}, {@code text or json}, {@code text, json or sarif}. */
  static String names(List<Format> formats) {
    List<String> n = formats.stream().map(Format::toString).toList();
    if (n.size() == 1) return n.get(0);
    return String.join(", ", n.subList(0, n.size() - 1)) + " or " + n.get(n.size() - 1);
  }
}
