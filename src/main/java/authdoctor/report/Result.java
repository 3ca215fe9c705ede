package authdoctor.report;

import static java.util.Objects.requireNonNull;

import authdoctor.Report;
import authdoctor.diff.DiffReport;
import java.util.List;

/**
 * What a command hands its reporter: one run, several runs reported together, or two runs compared.
 * Every {@link Reporter} renders every shape (an exhaustive switch), so a {@link Format} never falls back
 * to another one's output.
 */
public sealed interface Result permits Result.Single, Result.Combined, Result.Diff {
  /** The report whose findings decide the exit code: for several runs, their combination. */
  Report report();

  /** One run: {@code probe}, {@code cookie}, {@code jwt}. */
  record Single(Report report) implements Result {
    public Single {
      requireNonNull(report);
    }
  }

  /**
   * Several runs of one command reported together ({@code demo}: each deployment and bundled scenario).
   *
   * @param command the command that ran them
   * @param key the evidence fact and step field naming each run in the {@linkplain #report combined report}
   * @param sections the runs, in order
   * @param closing lines that end the human report (what to try next); machine formats leave them out
   */
  record Combined(String command, String key, List<Section> sections, List<String> closing) implements Result {
    public Combined {
      requireNonNull(command);
      requireNonNull(key);
      sections = List.copyOf(sections);
      closing = List.copyOf(closing);
    }

    /** One report of all runs: every finding once, each evidence naming its run; steps renumbered across runs. */
    @Override
    public Report report() {
      return Report.combine(command, null, null, key,
          sections.stream().map(s -> new Report.Part(s.name(), s.report())).toList());
    }
  }

  /**
   * One run among several.
   *
   * @param name its short name ({@code healthy}, {@code oauth-state-strict})
   * @param headline what it is, one line ({@code deployment healthy — healthy: nothing should be wrong})
   */
  record Section(String name, String headline, Report report) {
    public Section {
      requireNonNull(name);
      requireNonNull(headline);
      requireNonNull(report);
    }
  }

  /** Two runs of the same flow compared side by side ({@code diff}). */
  record Diff(DiffReport diff) implements Result {
    public Diff {
      requireNonNull(diff);
    }

    @Override
    public Report report() {
      return diff.combined();
    }
  }
}
