package authdoctor.cli;

import authdoctor.report.Format;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The formats a command writes: exactly the values its {@code --format} accepts, completes and lists in
 * {@code --help}; any other is a usage error naming these (see {@link FormatOption}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface WritesFormats {
  Format[] value();
}
