package authdoctor.check;

import authdoctor.Severity;
import authdoctor.observation.Observation;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The catalog id and severity a check reports, and the observation types it needs. The engine
 * validates it on load (id and severity must equal the catalog) and runs the check only when every
 * needed type was observed.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CheckSpec {
  String id();

  Severity severity();

  Class<? extends Observation>[] needs();
}
