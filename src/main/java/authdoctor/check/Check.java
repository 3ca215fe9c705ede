package authdoctor.check;

import authdoctor.Finding;
import authdoctor.observation.Observations;
import java.util.List;

/**
 * One diagnosis for one catalog id. Pure: reads observations, asks the models, returns findings; no I/O,
 * no static state. Annotate the class with {@link CheckSpec}.
 */
public interface Check {
  List<Finding> run(Observations observations, CheckContext ctx);

  /** The spec of a check class, or an {@link IllegalStateException} for a class without one. */
  static CheckSpec spec(Check check) {
    CheckSpec spec = check.getClass().getAnnotation(CheckSpec.class);
    if (spec == null) throw new IllegalStateException(check.getClass().getName() + " has no @CheckSpec");
    return spec;
  }
}
