package authdoctor.testing.lab;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class or method against one case of the real-stack lab ({@code
 * lab/cases/NAME}): the case is started with {@code lab/up} before and stopped with {@code lab/down}
 * after, and a {@link LabDeployment} parameter receives its description. Shared processes (nginx,
 * Redis, Spring Boot) are reference-counted by the lab itself. Tagged {@code lab}, so
 * {@code -Dsurefire.excludedGroups=lab} skips these tests where the lab is not installed.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("lab")
@ExtendWith(LabExtension.class)
public @interface LabCase {
  /** The case name, a directory under {@code lab/cases/}. */
  String value();
}
