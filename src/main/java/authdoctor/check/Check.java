package authdoctor.check;

import authdoctor.Finding;
import java.util.List;

/**
 * One diagnosis for one catalog id. Pure: reads observations, asks the models, returns findings; no I/O,
 * no static state. Annotate the class with {@link CheckSpec}.
 */
public interface Check {
  List<Finding> run(Observations observations, CheckContext ctx);
}
