package authdoctor.check;

import static java.util.Objects.requireNonNull;

/** What happened to one check in a run. */
public sealed interface Outcome {
  String id();

  /** The check ran (with or without findings). */
  record Ran(String id, int findings) implements Outcome {
    public Ran {
      requireNonNull(id);
    }
  }

  /** The check could not decide: what it needed was not observed. */
  record NotApplicable(String id, String missing) implements Outcome {
    public NotApplicable {
      requireNonNull(id);
      requireNonNull(missing);
    }
  }

  /** The check threw: a bug in authdoctor, recorded and reported, the run goes on. */
  record Crashed(String id, String message) implements Outcome {
    public Crashed {
      requireNonNull(id);
      requireNonNull(message);
    }
  }

  /**
   * A configuration detector of this id reported, and the live run read with it ({@code probe --config})
   * showed the opposite: the finding was dropped from the report; {@code note} says where and why.
   */
  record Contradicted(String id, String note) implements Outcome {
    public Contradicted {
      requireNonNull(id);
      requireNonNull(note);
    }
  }
}
